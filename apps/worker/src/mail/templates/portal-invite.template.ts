import { escapeHtml } from './escape-html';

export interface PortalInviteView {
  candidateName: string;
  organizationName: string;
  link: string;
}

/** The candidate's invitation to their portal, where they can ask how well they fit. */
export function portalInviteMail(view: PortalInviteView): { subject: string; text: string; html: string } {
  const subject = `Your interview with ${view.organizationName}: ask how well you fit`;
  const text = [
    `Hello ${view.candidateName},`,
    '',
    `Thank you for interviewing with ${view.organizationName}. After your interview you can ask the panel`,
    'the question candidates rarely get a straight answer to: how well do you fit the profile they are looking for?',
    '',
    'Your personal page (keep this link to yourself):',
    view.link,
    '',
    'If you ask, the panel answers in writing after the interview, and you will get one candid, combined answer:',
    'where you match the profile, your strengths, what is still missing from their picture of you, and the next steps.',
    '',
    '— Closer, on behalf of ' + view.organizationName,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.candidateName)},</p>
<p>Thank you for interviewing with ${escapeHtml(view.organizationName)}. After your interview you can ask the panel the question
candidates rarely get a straight answer to: <strong>how well do you fit the profile they are looking for?</strong></p>
<p><a href="${escapeHtml(view.link)}">Open your personal page</a> (keep this link to yourself).</p>
<p>If you ask, the panel answers in writing after the interview, and you will get one candid, combined answer: where you match
the profile, your strengths, what is still missing from their picture of you, and the next steps.</p>
<p>— Closer, on behalf of ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
