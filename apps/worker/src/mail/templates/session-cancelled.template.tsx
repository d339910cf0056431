import { compileMail } from './compile-mail';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { formatDue } from './format-date';
import { MailContent } from './render-mail';

export interface SessionCancelledView {
  candidateName: string;
  organizationName: string;
  roleTitle: string;
  startsAt: Date;
}

const cancelled = compileMail(['candidateName', 'organizationName', 'roleTitle', 'when'], (view) => ({
  subject: `Your interview with ${view.organizationName} on ${view.when} is cancelled`,
  body: (
    <MailLayout recipientName={view.candidateName} organizationName={view.organizationName} speaks="on behalf of">
      <Paragraph>
        Your interview for the {view.roleTitle} role with {view.organizationName}, planned for {view.when}, has been cancelled.
      </Paragraph>
      <Paragraph>We are sorry for the change of plans. The hiring team will contact you about what happens next.</Paragraph>
    </MailLayout>
  ),
}));

/** The candidate learns that their interview will not take place (no reason given: the team tells that themselves). */
export function sessionCancelledMail(view: SessionCancelledView): MailContent {
  const { candidateName, organizationName, roleTitle } = view;
  return cancelled({ candidateName, organizationName, roleTitle, when: formatDue(view.startsAt) });
}
