import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { formatDue } from './format-date';
import { MailContent, renderMail } from './render-mail';

export interface SessionRescheduledView {
  candidateName: string;
  organizationName: string;
  startsAt: Date;
  endsAt: Date;
}

/** The candidate's notice that their interview moved; the portal link they already have still works. */
export function sessionRescheduledMail(view: SessionRescheduledView): MailContent {
  return renderMail(
    `Your interview with ${view.organizationName} has a new time`,
    <MailLayout recipientName={view.candidateName} organizationName={view.organizationName} speaks="on behalf of">
      <Paragraph>Your interview with {view.organizationName} has moved. The new time is:</Paragraph>
      <Paragraph>
        <strong>
          {formatDue(view.startsAt)} to {formatDue(view.endsAt)}
        </strong>
      </Paragraph>
      <Paragraph>The personal page link you received earlier still works.</Paragraph>
    </MailLayout>,
  );
}
