import { compileMail } from './compile-mail';
import { ActionButton } from './components/action-button';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { MailContent } from './render-mail';

export interface AnswerReadyView {
  candidateName: string;
  organizationName: string;
  roleTitle: string;
  /** The candidate's portal (current link version). */
  link: string;
}

const answerReady = compileMail(['candidateName', 'organizationName', 'roleTitle', 'link'], (view) => ({
  subject: `Your answer from ${view.organizationName} is ready`,
  body: (
    <MailLayout recipientName={view.candidateName} organizationName={view.organizationName} speaks="on behalf of">
      <Paragraph>
        You asked how well you fit the profile {view.organizationName} is looking for in the {view.roleTitle} role. The interview panel has
        answered in writing, and their answers were combined into one candid, kind reply: where you match the profile, your strengths, what
        is still missing from their picture of you, and the next steps.
      </Paragraph>
      <Paragraph>Read it on your personal page (keep this link to yourself):</Paragraph>
      <ActionButton href={view.link} label="Read your answer" />
      <Paragraph>It reflects one conversation, not your worth. If it helped — or did not — you can say so on the same page.</Paragraph>
    </MailLayout>
  ),
}));

/**
 * "Your answer is ready": sent only to a candidate who asked. It names no interviewer and
 * quotes nothing — the answer itself is read in the portal.
 */
export function answerReadyMail(view: AnswerReadyView): MailContent {
  return answerReady(view);
}
