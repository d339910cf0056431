import { compileMail } from './compile-mail';
import { FeedbackFormLink } from './components/feedback-form-link';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { formatDue } from './format-date';
import { MailContent } from './render-mail';

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

const reminder = compileMail(
  ['interviewerName', 'candidateName', 'roleTitle', 'sessionTitle', 'organizationName', 'why', 'due', 'link'],
  (view) => ({
    subject: `Reminder: your feedback on ${view.candidateName} (${view.roleTitle})`,
    body: (
      <MailLayout recipientName={view.interviewerName} organizationName={view.organizationName} speaks="on behalf of">
        <Paragraph>
          A reminder about your feedback on {view.candidateName} for {view.roleTitle} ({view.sessionTitle}). {view.why} It takes a few
          minutes.
        </Paragraph>
        <FeedbackFormLink
          link={view.link}
          linkNote="the same as before; do not forward it"
          due={view.due}
          declineEffect=", and we will stop reminding you"
        />
      </MailLayout>
    ),
  }),
);

/** A gentle reminder while the interviewer's form is unanswered: the same single link, the due date. */
export function formReminderMail(view: FormReminderView): MailContent {
  return reminder({
    interviewerName: view.interviewerName,
    candidateName: view.candidateName,
    roleTitle: view.roleTitle,
    sessionTitle: view.sessionTitle,
    organizationName: view.organizationName,
    why: view.candidateAsked
      ? `${view.candidateName} asked how well they fit the profile; the panel's answer is waiting for yours.`
      : 'The panel is waiting for your view of how well the candidate fits the profile.',
    due: view.dueAt ? `The form closes on ${formatDue(view.dueAt)}.` : 'Please answer soon.',
    link: view.link,
  });
}
