import { escapeHtml } from './escape-html';

export interface AnswerReadyView {
  candidateName: string;
  organizationName: string;
  roleTitle: string;
  /** The candidate's portal (current link version). */
  link: string;
}

/**
 * "Your answer is ready": sent only to a candidate who asked. It names no interviewer and
 * quotes nothing — the answer itself is read in the portal.
 */
export function answerReadyMail(view: AnswerReadyView): { subject: string; text: string; html: string } {
  const subject = `Your answer from ${view.organizationName} is ready`;
  const text = [
    `Hello ${view.candidateName},`,
    '',
    `You asked how well you fit the profile ${view.organizationName} is looking for in the ${view.roleTitle} role.`,
    'The interview panel has answered in writing, and their answers were combined into one candid, kind reply:',
    'where you match the profile, your strengths, what is still missing from their picture of you, and the next steps.',
    '',
    'Read it on your personal page (keep this link to yourself):',
    view.link,
    '',
    'It reflects one conversation, not your worth. If it helped — or did not — you can say so on the same page.',
    '',
    `— Closer, on behalf of ${view.organizationName}`,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.candidateName)},</p>
<p>You asked how well you fit the profile ${escapeHtml(view.organizationName)} is looking for in the ${escapeHtml(view.roleTitle)} role.
The interview panel has answered in writing, and their answers were combined into one candid, kind reply: where you match the
profile, your strengths, what is still missing from their picture of you, and the next steps.</p>
<p><a href="${escapeHtml(view.link)}">Read your answer</a> (keep this link to yourself).</p>
<p>It reflects one conversation, not your worth. If it helped — or did not — you can say so on the same page.</p>
<p>— Closer, on behalf of ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
