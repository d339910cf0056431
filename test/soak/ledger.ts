// After the soak has drained: was any mail lost or doubled? Invitations are checked form by form
// with the system tests' ledger; every other delivery row must have exactly one captured mail with
// its Message-ID, and each kind of mail must number what the database says was due.
import { InviteLedger, inviteLedger } from '../system/support/ledger';
import type { SystemStack } from '../system/support/system-stack';

export interface MailLedger {
  invites: InviteLedger;
  /** kind → delivery rows, mails the SMTP sink captured for them, and how many were due */
  byKind: Record<string, { rows: number; captured: number; due: number | null }>;
  /** SENT delivery rows with no captured mail, plus due mails with no delivery row */
  lost: number;
  /** captured copies beyond the first of one Message-ID */
  doubled: number;
  problems: string[];
}

/** Forms of completed sessions end in one of these once their invitation went out. */
const SENT_OR_LATER = ['SENT', 'OPENED', 'SUBMITTED', 'DECLINED', 'EXPIRED'];

export async function mailLedger(stack: SystemStack): Promise<MailLedger> {
  const forms = await stack.query<{ id: string }>(
    `SELECT f.id FROM feedback_forms f JOIN interview_sessions s ON s.id = f.session_id WHERE s.status = 'COMPLETED'`,
  );
  const invites = await inviteLedger(
    stack,
    forms.map((form) => ({ id: form.id, sessionId: '', interviewerId: '', email: '' })),
    { statuses: SENT_OR_LATER },
  );
  const problems = [...invites.problems];

  const rows = await stack.query<{ kind: string; status: string; message_id: string; recipient: string }>(
    'SELECT kind, status, message_id, recipient FROM email_deliveries',
  );
  const copies = new Map<string, number>();
  for (const mail of stack.smtp.mails) copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
  const known = new Set(rows.map((row) => row.message_id));

  const [due] = await stack.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM feedback_forms f JOIN interview_sessions s ON s.id = f.session_id WHERE s.status = 'COMPLETED') AS "form-invite",
            (SELECT count(DISTINCT candidate_id)::int FROM interview_sessions) AS "portal-invite",
            (SELECT coalesce(sum(reminders_sent), 0)::int FROM feedback_forms) AS "form-reminder",
            (SELECT count(*)::int FROM candidate_answers a
              WHERE a.status = 'RELEASED' AND EXISTS (SELECT 1 FROM fit_feedback_requests r WHERE r.session_id = a.session_id)) AS "answer-ready"`,
  );
  const byKind: MailLedger['byKind'] = {};
  let lost = 0;
  let doubled = 0;
  for (const row of rows) {
    const entry = (byKind[row.kind] ??= { rows: 0, captured: 0, due: due?.[row.kind] ?? null });
    entry.rows++;
    const count = copies.get(row.message_id) ?? 0;
    entry.captured += count;
    if (row.status !== 'SENT') problems.push(`${row.kind} to ${row.recipient}: delivery ${row.status}`);
    else if (count === 0) lost++;
    if (count > 1) doubled += count - 1;
  }
  for (const [kind, count] of Object.entries(due ?? {})) {
    const entry = (byKind[kind] ??= { rows: 0, captured: 0, due: count });
    if (entry.rows < count) {
      lost += count - entry.rows;
      problems.push(`${kind}: ${count} due, ${entry.rows} delivery rows`);
    } else if (entry.rows > count) {
      problems.push(`${kind}: ${count} due, ${entry.rows} delivery rows`);
    }
  }
  const unaccounted = [...copies.keys()].filter((messageId) => !known.has(messageId));
  if (unaccounted.length) problems.push(`${unaccounted.length} captured Message-IDs without a delivery row`);
  if (lost) problems.push(`${lost} mails lost`);
  if (doubled) problems.push(`${doubled} mails doubled (no fault was injected: there is no crash window to excuse them)`);
  return { invites, byKind, lost, doubled, problems };
}
