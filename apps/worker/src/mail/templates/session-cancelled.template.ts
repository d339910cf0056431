import { escapeHtml } from './escape-html';
import { formatDue } from './format-date';

export interface SessionCancelledView {
  candidateName: string;
  organizationName: string;
  roleTitle: string;
  startsAt: Date;
}

/** The candidate learns that their interview will not take place (no reason given: the team tells that themselves). */
export function sessionCancelledMail(view: SessionCancelledView): { subject: string; text: string; html: string } {
  const when = formatDue(view.startsAt);
  const subject = `Your interview with ${view.organizationName} on ${when} is cancelled`;
  const text = [
    `Hello ${view.candidateName},`,
    '',
    `Your interview for the ${view.roleTitle} role with ${view.organizationName}, planned for ${when}, has been cancelled.`,
    'We are sorry for the change of plans. The hiring team will contact you about what happens next.',
    '',
    '— Closer, on behalf of ' + view.organizationName,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.candidateName)},</p>
<p>Your interview for the ${escapeHtml(view.roleTitle)} role with ${escapeHtml(view.organizationName)}, planned for ${escapeHtml(when)},
has been cancelled.</p>
<p>We are sorry for the change of plans. The hiring team will contact you about what happens next.</p>
<p>— Closer, on behalf of ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
