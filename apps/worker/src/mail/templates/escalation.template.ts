import { escapeHtml } from './escape-html';
import { formatDue } from './format-date';

export interface EscalationView {
  recruiterName: string;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  organizationName: string;
  panelSize: number;
  /** The interviewers whose forms are still unanswered, in panel order. */
  overdue: { name: string; email: string; opened: boolean }[];
  remindersSent: number;
  dueAt: Date | null;
  minResponses: number;
  responses: number;
  /** The recruiters' dashboard, where a form can be re-sent. */
  link: string;
}

/** The one mail to the recruiter who scheduled the session, naming the interviewers who have not answered. */
export function escalationMail(view: EscalationView): { subject: string; text: string; html: string } {
  const count = view.overdue.length;
  const subject = `Feedback overdue: ${count} of ${view.panelSize} interviewer${view.panelSize === 1 ? '' : 's'} for ${view.candidateName}`;
  const due = view.dueAt ? `Forms close on ${formatDue(view.dueAt)}.` : 'Forms close soon.';
  const stake =
    view.responses < view.minResponses
      ? `So far ${view.responses} of the ${view.minResponses} responses needed for an answer are in; without enough feedback the candidate's answer is withheld.`
      : `${view.responses} responses are in; more make the candidate's answer fairer.`;
  const line = (person: EscalationView['overdue'][number]) =>
    `${person.name} <${person.email}>${person.opened ? ' (opened the form)' : ''}`;
  const text = [
    `Hello ${view.recruiterName},`,
    '',
    `These interviewers have not answered the fit form for ${view.candidateName} (${view.roleTitle}, ${view.sessionTitle})` +
      (view.remindersSent > 0 ? `, after ${view.remindersSent} reminder${view.remindersSent === 1 ? '' : 's'}:` : ':'),
    ...view.overdue.map((person) => `- ${line(person)}`),
    '',
    `${due} ${stake}`,
    'A word from you may help; from the dashboard you can also re-send a form with a fresh link:',
    view.link,
    '',
    `— Closer, for ${view.organizationName}`,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.recruiterName)},</p>
<p>These interviewers have not answered the fit form for ${escapeHtml(view.candidateName)} (${escapeHtml(view.roleTitle)},
${escapeHtml(view.sessionTitle)})${view.remindersSent > 0 ? `, after ${view.remindersSent} reminder${view.remindersSent === 1 ? '' : 's'}` : ''}:</p>
<ul>${view.overdue.map((person) => `<li>${escapeHtml(line(person))}</li>`).join('')}</ul>
<p>${escapeHtml(due)} ${escapeHtml(stake)}</p>
<p>A word from you may help; from the <a href="${escapeHtml(view.link)}">dashboard</a> you can also re-send a form with a fresh link.</p>
<p>— Closer, for ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
