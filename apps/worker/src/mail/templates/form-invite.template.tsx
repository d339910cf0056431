import { compileMail } from './compile-mail';
import { FeedbackFormLink } from './components/feedback-form-link';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { formatDue } from './format-date';
import { MailContent } from './render-mail';

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

const invitation = compileMail(
  ['interviewerName', 'candidateName', 'roleTitle', 'sessionTitle', 'organizationName', 'asked', 'criteria', 'due', 'link'],
  (view) => ({
    subject: `Your feedback on ${view.candidateName} (${view.roleTitle}) — a few minutes`,
    body: (
      <MailLayout recipientName={view.interviewerName} organizationName={view.organizationName} speaks="on behalf of">
        <Paragraph>
          Thank you for interviewing {view.candidateName} for {view.roleTitle} ({view.sessionTitle}). {view.asked}
        </Paragraph>
        <Paragraph>
          The form asks for your overall fit, a rating per criterion of the profile, strengths, anything still lacking in your picture of
          the candidate, next steps, and a message the candidate may read (shared unattributed).
        </Paragraph>
        <Paragraph>Criteria: {view.criteria}.</Paragraph>
        <FeedbackFormLink link={view.link} linkNote="do not forward it" due={view.due} />
      </MailLayout>
    ),
  }),
);

/** The interviewer's invitation to the fit form: one link, what it asks, by when. */
export function formInviteMail(view: FormInviteView): MailContent {
  return invitation({
    interviewerName: view.interviewerName,
    candidateName: view.candidateName,
    roleTitle: view.roleTitle,
    sessionTitle: view.sessionTitle,
    organizationName: view.organizationName,
    asked: view.candidateAsked
      ? `${view.candidateName} asked how well they fit the profile you are looking for. Your answer helps the panel give one honest, kind reply.`
      : 'Your answer helps the team see how well the candidate fits the profile.',
    criteria: view.criteria.join(', '),
    due: view.dueAt ? `Please answer by ${formatDue(view.dueAt)}.` : 'Please answer soon.',
    link: view.link,
  });
}
