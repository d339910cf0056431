import { ActionButton } from './action-button';
import { Paragraph } from './paragraph';

interface FeedbackFormLinkProps {
  link: string;
  /** What to know about the link, e.g. "do not forward it". */
  linkNote: string;
  /** When the form closes, as a sentence. */
  due: string;
  /** What else declining does, if anything (", and we will stop reminding you"). */
  declineEffect?: string;
}

/** An interviewer's personal form link, with when it closes and that they may decline instead. */
export function FeedbackFormLink({ link, linkNote, due, declineEffect = '' }: FeedbackFormLinkProps) {
  return (
    <>
      <Paragraph>Your personal link ({linkNote}):</Paragraph>
      <ActionButton href={link} label="Open your feedback form" />
      <Paragraph>
        {due} If you can&apos;t judge this session (you did not attend, or have no basis), the form lets you decline with a reason
        {declineEffect}.
      </Paragraph>
    </>
  );
}
