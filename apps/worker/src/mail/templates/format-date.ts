/** A due date as mails show it: "Tue, 02 Jun 2026 14:30 UTC" (recipients are in any time zone). */
export function formatDue(date: Date): string {
  return date.toUTCString().replace(/:\d\d GMT$/, ' UTC');
}
