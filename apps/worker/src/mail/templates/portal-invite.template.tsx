import { compileMail } from './compile-mail';
import { ActionButton } from './components/action-button';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { MailContent } from './render-mail';

export interface PortalInviteView {
  candidateName: string;
  organizationName: string;
  link: string;
}

const portalInvite = compileMail(['candidateName', 'organizationName', 'link'], (view) => ({
  subject: `Your interview with ${view.organizationName}: ask how well you fit`,
  body: (
    <MailLayout recipientName={view.candidateName} organizationName={view.organizationName} speaks="on behalf of">
      <Paragraph>
        Thank you for interviewing with {view.organizationName}. After your interview you can ask the panel the question candidates rarely
        get a straight answer to: <strong>how well do you fit the profile they are looking for?</strong>
      </Paragraph>
      <Paragraph>Your personal page (keep this link to yourself):</Paragraph>
      <ActionButton href={view.link} label="Open your personal page" />
      <Paragraph>
        If you ask, the panel answers in writing after the interview, and you will get one candid, combined answer: where you match the
        profile, your strengths, what is still missing from their picture of you, and the next steps.
      </Paragraph>
    </MailLayout>
  ),
}));

/** The candidate's invitation to their portal, where they can ask how well they fit. */
export function portalInviteMail(view: PortalInviteView): MailContent {
  return portalInvite(view);
}
