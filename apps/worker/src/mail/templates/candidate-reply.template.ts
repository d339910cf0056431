import { escapeHtml } from './escape-html';

export interface CandidateReplyView {
  recruiterName: string;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  organizationName: string;
  reply: string;
  /** Wording-check categories the reply raised (the candidate's own words, kept as written). */
  flags: string[];
  /** The session's page, where the reply is kept next to the answer. */
  link: string;
}

/**
 * The candidate's one reply to their answer, to the recruiter who scheduled the session. It is
 * for the hiring team only: interviewers see it only if the recruiter forwards it.
 */
export function candidateReplyMail(view: CandidateReplyView): { subject: string; text: string; html: string } {
  const subject = `${view.candidateName} replied to their answer (${view.roleTitle})`;
  const flagged = view.flags.length > 0 ? `The wording check noted: ${view.flags.join(', ')}.` : null;
  const text = [
    `Hello ${view.recruiterName},`,
    '',
    `${view.candidateName} replied to the answer they received after "${view.sessionTitle}" for the ${view.roleTitle} role:`,
    '',
    ...view.reply.split(/\r?\n/).map((line) => `> ${line}`),
    '',
    ...(flagged ? [flagged, ''] : []),
    'Interviewers do not see this reply unless you forward it. It is kept on the session page:',
    view.link,
    '',
    `— Closer, for ${view.organizationName}`,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.recruiterName)},</p>
<p>${escapeHtml(view.candidateName)} replied to the answer they received after “${escapeHtml(view.sessionTitle)}” for the
${escapeHtml(view.roleTitle)} role:</p>
<blockquote style="white-space:pre-wrap;border-left:3px solid #ccc;margin:0;padding-left:12px">${escapeHtml(view.reply)}</blockquote>
${flagged ? `<p>${escapeHtml(flagged)}</p>` : ''}
<p>Interviewers do not see this reply unless you forward it. <a href="${escapeHtml(view.link)}">Open the session</a>.</p>
<p>— Closer, for ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
