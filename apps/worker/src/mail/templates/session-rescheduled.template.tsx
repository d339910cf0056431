import { compileMail } from './compile-mail';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { formatDue } from './format-date';
import { MailContent } from './render-mail';

export interface SessionRescheduledView {
  candidateName: string;
  organizationName: string;
  startsAt: Date;
  endsAt: Date;
}

const rescheduled = compileMail(['candidateName', 'organizationName', 'startsAt', 'endsAt'], (view) => ({
  subject: `Your interview with ${view.organizationName} has a new time`,
  body: (
    <MailLayout recipientName={view.candidateName} organizationName={view.organizationName} speaks="on behalf of">
      <Paragraph>Your interview with {view.organizationName} has moved. The new time is:</Paragraph>
      <Paragraph>
        <strong>
          {view.startsAt} to {view.endsAt}
        </strong>
      </Paragraph>
      <Paragraph>The personal page link you received earlier still works.</Paragraph>
    </MailLayout>
  ),
}));

/** The candidate's notice that their interview moved; the portal link they already have still works. */
export function sessionRescheduledMail(view: SessionRescheduledView): MailContent {
  const { candidateName, organizationName } = view;
  return rescheduled({ candidateName, organizationName, startsAt: formatDue(view.startsAt), endsAt: formatDue(view.endsAt) });
}
