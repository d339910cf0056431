import { compileMail } from './compile-mail';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { MailContent } from './render-mail';

export interface NoAnswerNoteView {
  candidateName: string;
  organizationName: string;
  roleTitle: string;
}

const noAnswerNote = compileMail(['candidateName', 'organizationName', 'roleTitle'], (view) => ({
  subject: `About your interview with ${view.organizationName}`,
  body: (
    <MailLayout recipientName={view.candidateName} organizationName={view.organizationName} speaks="on behalf of">
      <Paragraph>
        Thank you again for interviewing for the {view.roleTitle} role with {view.organizationName}.
      </Paragraph>
      <Paragraph>
        We are sorry: we could not gather enough feedback from the panel to give you a fair answer about how well you fit the profile.
        Rather than guess, we prefer to tell you so. This says nothing about you.
      </Paragraph>
      <Paragraph>The hiring team will contact you about the next steps.</Paragraph>
    </MailLayout>
  ),
}));

/** The candidate of a withheld answer is told kindly, instead of waiting for a mail that will not come. */
export function noAnswerNoteMail(view: NoAnswerNoteView): MailContent {
  return noAnswerNote(view);
}
