import { ActionButton } from './components/action-button';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { formatDue } from './format-date';
import { MailContent, renderMail } from './render-mail';

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

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The one mail to the recruiter who scheduled the session, naming the interviewers who have not answered. */
export function escalationMail(view: EscalationView): MailContent {
  const due = view.dueAt ? `Forms close on ${formatDue(view.dueAt)}.` : 'Forms close soon.';
  const stake =
    view.responses < view.minResponses
      ? `So far ${view.responses} of the ${view.minResponses} responses needed for an answer are in; without enough feedback the candidate's answer is withheld.`
      : `${view.responses} responses are in; more make the candidate's answer fairer.`;
  return renderMail(
    `Feedback overdue: ${view.overdue.length} of ${plural(view.panelSize, 'interviewer')} for ${view.candidateName}`,
    <MailLayout recipientName={view.recruiterName} organizationName={view.organizationName} speaks="for">
      <Paragraph>
        These interviewers have not answered the fit form for {view.candidateName} ({view.roleTitle}, {view.sessionTitle})
        {view.remindersSent > 0 && `, after ${plural(view.remindersSent, 'reminder')}`}:
      </Paragraph>
      <ul style={{ margin: '0 0 16px', fontSize: '16px', lineHeight: '1.5' }}>
        {view.overdue.map((person) => (
          <li key={person.email}>
            {person.name} &lt;{person.email}&gt;{person.opened && ' (opened the form)'}
          </li>
        ))}
      </ul>
      <Paragraph>
        {due} {stake}
      </Paragraph>
      <Paragraph>A word from you may help; from the dashboard you can also re-send a form with a fresh link:</Paragraph>
      <ActionButton href={view.link} label="Open the dashboard" />
    </MailLayout>,
  );
}
