import { escapeHtml } from './escape-html';

export interface NoAnswerNoteView {
  candidateName: string;
  organizationName: string;
  roleTitle: string;
}

/** The candidate of a withheld answer is told kindly, instead of waiting for a mail that will not come. */
export function noAnswerNoteMail(view: NoAnswerNoteView): { subject: string; text: string; html: string } {
  const subject = `About your interview with ${view.organizationName}`;
  const text = [
    `Hello ${view.candidateName},`,
    '',
    `Thank you again for interviewing for the ${view.roleTitle} role with ${view.organizationName}.`,
    'We are sorry: we could not gather enough feedback from the panel to give you a fair answer about how well you fit',
    'the profile. Rather than guess, we prefer to tell you so. This says nothing about you.',
    '',
    'The hiring team will contact you about the next steps.',
    '',
    '— Closer, on behalf of ' + view.organizationName,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.candidateName)},</p>
<p>Thank you again for interviewing for the ${escapeHtml(view.roleTitle)} role with ${escapeHtml(view.organizationName)}.</p>
<p>We are sorry: we could not gather enough feedback from the panel to give you a fair answer about how well you fit the profile.
Rather than guess, we prefer to tell you so. This says nothing about you.</p>
<p>The hiring team will contact you about the next steps.</p>
<p>— Closer, on behalf of ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
