import { compileMail } from './compile-mail';
import { ActionButton } from './components/action-button';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { formatDue } from './format-date';
import { MailContent } from './render-mail';

export interface AnswerLateView {
  recruiterName: string;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  organizationName: string;
  promisedAt: Date;
  /** The session's page, where the answer can be written, released or the candidate told. */
  link: string;
}

const late = compileMail(
  ['recruiterName', 'candidateName', 'roleTitle', 'sessionTitle', 'organizationName', 'link', 'promised'],
  (view) => ({
    subject: `Answer late: ${view.candidateName} was promised it by ${view.promised}`,
    body: (
      <MailLayout recipientName={view.recruiterName} organizationName={view.organizationName} speaks="for">
        <Paragraph>
          {view.candidateName} asked how well they fit the {view.roleTitle} role after “{view.sessionTitle}”, and was promised an answer by{' '}
          {view.promised}. That date has passed and the answer is not released yet. Their page now says that it is late and that you were
          told.
        </Paragraph>
        <Paragraph>Release it, write one by hand, or tell the candidate what is happening:</Paragraph>
        <ActionButton href={view.link} label="Open the session" />
      </MailLayout>
    ),
  }),
);

/** Once per session, at the date promised to the candidate, when their answer is not out yet. */
export function answerLateMail(view: AnswerLateView): MailContent {
  const { recruiterName, candidateName, roleTitle, sessionTitle, organizationName, link } = view;
  return late({ recruiterName, candidateName, roleTitle, sessionTitle, organizationName, link, promised: formatDue(view.promisedAt) });
}
