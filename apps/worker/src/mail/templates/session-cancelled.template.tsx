import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { formatDue } from './format-date';
import { MailContent, renderMail } from './render-mail';

export interface SessionCancelledView {
  candidateName: string;
  organizationName: string;
  roleTitle: string;
  startsAt: Date;
}

/** The candidate learns that their interview will not take place (no reason given: the team tells that themselves). */
export function sessionCancelledMail(view: SessionCancelledView): MailContent {
  const when = formatDue(view.startsAt);
  return renderMail(
    `Your interview with ${view.organizationName} on ${when} is cancelled`,
    <MailLayout recipientName={view.candidateName} organizationName={view.organizationName} speaks="on behalf of">
      <Paragraph>
        Your interview for the {view.roleTitle} role with {view.organizationName}, planned for {when}, has been cancelled.
      </Paragraph>
      <Paragraph>We are sorry for the change of plans. The hiring team will contact you about what happens next.</Paragraph>
    </MailLayout>,
  );
}
