import { escapeHtml } from './escape-html';
import { formatDue } from './format-date';

export interface SessionRescheduledView {
  candidateName: string;
  organizationName: string;
  startsAt: Date;
  endsAt: Date;
}

/** The candidate's notice that their interview moved; the portal link they already have still works. */
export function sessionRescheduledMail(view: SessionRescheduledView): { subject: string; text: string; html: string } {
  const subject = `Your interview with ${view.organizationName} has a new time`;
  const when = `${formatDue(view.startsAt)} to ${formatDue(view.endsAt)}`;
  const text = [
    `Hello ${view.candidateName},`,
    '',
    `Your interview with ${view.organizationName} has moved. The new time is:`,
    when,
    '',
    'The personal page link you received earlier still works.',
    '',
    '— Closer, on behalf of ' + view.organizationName,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.candidateName)},</p>
<p>Your interview with ${escapeHtml(view.organizationName)} has moved. The new time is:</p>
<p><strong>${escapeHtml(when)}</strong></p>
<p>The personal page link you received earlier still works.</p>
<p>— Closer, on behalf of ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
