import { escapeHtml } from './escape-html';
import { formatDue } from './format-date';

export interface FormReminderView {
  interviewerName: string;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  organizationName: string;
  candidateAsked: boolean;
  dueAt: Date | null;
  /** The same link as the invitation (same link version). */
  link: string;
}

/** A gentle reminder while the interviewer's form is unanswered: the same single link, the due date. */
export function formReminderMail(view: FormReminderView): { subject: string; text: string; html: string } {
  const subject = `Reminder: your feedback on ${view.candidateName} (${view.roleTitle})`;
  const why = view.candidateAsked
    ? `${view.candidateName} asked how well they fit the profile; the panel's answer is waiting for yours.`
    : 'The panel is waiting for your view of how well the candidate fits the profile.';
  const due = view.dueAt ? `The form closes on ${formatDue(view.dueAt)}.` : 'Please answer soon.';
  const text = [
    `Hello ${view.interviewerName},`,
    '',
    `A reminder about your feedback on ${view.candidateName} for ${view.roleTitle} (${view.sessionTitle}).`,
    why,
    'It takes a few minutes.',
    '',
    'Your personal link (the same as before; do not forward it):',
    view.link,
    '',
    due,
    "If you can't judge this session, the form lets you decline with a reason, and we will stop reminding you.",
    '',
    `— Closer, on behalf of ${view.organizationName}`,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
<p>Hello ${escapeHtml(view.interviewerName)},</p>
<p>A reminder about your feedback on ${escapeHtml(view.candidateName)} for ${escapeHtml(view.roleTitle)} (${escapeHtml(view.sessionTitle)}).
${escapeHtml(why)} It takes a few minutes.</p>
<p><a href="${escapeHtml(view.link)}">Open your feedback form</a> (the same link as before; do not forward it).</p>
<p>${escapeHtml(due)} If you can't judge this session, the form lets you decline with a reason, and we will stop reminding you.</p>
<p>— Closer, on behalf of ${escapeHtml(view.organizationName)}</p>
</body></html>`;
  return { subject, text, html };
}
