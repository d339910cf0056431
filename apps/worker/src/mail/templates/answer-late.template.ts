import { escapeHtml } from './escape-html';
import { formatDue } from './format-date';

export interface AnswerLateView {
  recruiterName: string;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  organizationName: string;
  promisedAt: Date;
  /** The session's page, where the answer can be written, released or the candidate told. */
  link: string;
}

/** Once per session, at the date promised to the candidate, when their answer is not out yet. */
export function answerLateMail(view: AnswerLateView): { subject: string; text: string; html: string } {
  const subject = `Answer late: ${view.candidateName} was promised it by ${formatDue(view.promisedAt)}`;
  const text = [
    `Hello ${view.recruiterName},`,
    '',
    `${view.candidateName} asked how well they fit the ${view.roleTitle} role after "${view.sessionTitle}", and was promised an answer by ${formatDue(view.promisedAt)}.`,
    'That date has passed and the answer is not released yet. Their page now says that it is late and that you were told.',
    '',
    'Release it, write one by hand, or tell the candidate what is happening:',
    view.link,
    '',
    `— Closer, for ${view.organizationName}`,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.recruiterName)},</p>
<p>${escapeHtml(view.candidateName)} asked how well they fit the ${escapeHtml(view.roleTitle)} role after “${escapeHtml(view.sessionTitle)}”,
and was promised an answer by ${escapeHtml(formatDue(view.promisedAt))}. That date has passed and the answer is not released yet.
Their page now says that it is late and that you were told.</p>
<p><a href="${escapeHtml(view.link)}">Open the session</a> to release it, write one by hand, or tell the candidate what is happening.</p>
<p>— Closer, for ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
