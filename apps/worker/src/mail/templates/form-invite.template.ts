import { escapeHtml } from './escape-html';
import { formatDue } from './format-date';

export interface FormInviteView {
  interviewerName: string;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  organizationName: string;
  criteria: string[];
  candidateAsked: boolean;
  dueAt: Date | null;
  link: string;
}

/** The interviewer's invitation to the fit form: one link, what it asks, by when. */
export function formInviteMail(view: FormInviteView): { subject: string; text: string; html: string } {
  const subject = `Your feedback on ${view.candidateName} (${view.roleTitle}) — a few minutes`;
  const asked = view.candidateAsked
    ? `${view.candidateName} asked how well they fit the profile you are looking for. Your answer helps the panel give one honest, kind reply.`
    : 'Your answer helps the team see how well the candidate fits the profile.';
  const due = view.dueAt ? `Please answer by ${formatDue(view.dueAt)}.` : 'Please answer soon.';
  const text = [
    `Hello ${view.interviewerName},`,
    '',
    `Thank you for interviewing ${view.candidateName} for ${view.roleTitle} (${view.sessionTitle}).`,
    asked,
    '',
    'The form asks for your overall fit, a rating per criterion of the profile, strengths, anything still lacking in your',
    'picture of the candidate, next steps, and a message the candidate may read (shared unattributed).',
    `Criteria: ${view.criteria.join(', ')}.`,
    '',
    'Your personal link (do not forward it):',
    view.link,
    '',
    due,
    "If you can't judge this session (you did not attend, or have no basis), the form lets you decline with a reason.",
    '',
    `— Closer, on behalf of ${view.organizationName}`,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.interviewerName)},</p>
<p>Thank you for interviewing ${escapeHtml(view.candidateName)} for ${escapeHtml(view.roleTitle)} (${escapeHtml(view.sessionTitle)}).
${escapeHtml(asked)}</p>
<p>The form asks for your overall fit, a rating per criterion of the profile, strengths, anything still lacking in your picture of
the candidate, next steps, and a message the candidate may read (shared unattributed).</p>
<p>Criteria: ${view.criteria.map(escapeHtml).join(', ')}.</p>
<p><a href="${escapeHtml(view.link)}">Open your feedback form</a> (do not forward this link).</p>
<p>${escapeHtml(due)} If you can't judge this session, the form lets you decline with a reason.</p>
<p>— Closer, on behalf of ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
