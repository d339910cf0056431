import { Fragment } from 'react';

import { ActionButton } from './components/action-button';
import { MailLayout } from './components/mail-layout';
import { Paragraph } from './components/paragraph';
import { MailContent, renderMail } from './render-mail';

export interface CandidateReplyView {
  recruiterName: string;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  organizationName: string;
  reply: string;
  /** Wording-check categories the reply raised (the candidate's own words, kept as written). */
  flags: string[];
  /** The session's page, where the reply is kept next to the answer. */
  link: string;
}

const quote = { borderLeft: '3px solid #cccccc', margin: '0 0 16px', paddingLeft: '12px', fontSize: '16px', lineHeight: '1.5' };

/**
 * The candidate's one reply to their answer, to the recruiter who scheduled the session. It is
 * for the hiring team only: interviewers see it only if the recruiter forwards it.
 */
export function candidateReplyMail(view: CandidateReplyView): MailContent {
  // one line break per line of the reply: the text part quotes each line with "> "
  const lines = view.reply.split(/\r?\n/);
  return renderMail(
    `${view.candidateName} replied to their answer (${view.roleTitle})`,
    <MailLayout recipientName={view.recruiterName} organizationName={view.organizationName} speaks="for">
      <Paragraph>
        {view.candidateName} replied to the answer they received after “{view.sessionTitle}” for the {view.roleTitle} role:
      </Paragraph>
      <blockquote style={quote}>
        {lines.map((line, index) => (
          <Fragment key={index}>
            {index > 0 && <br />}
            {line}
          </Fragment>
        ))}
      </blockquote>
      {view.flags.length > 0 && <Paragraph>The wording check noted: {view.flags.join(', ')}.</Paragraph>}
      <Paragraph>Interviewers do not see this reply unless you forward it. It is kept on the session page:</Paragraph>
      <ActionButton href={view.link} label="Open the session" />
    </MailLayout>,
  );
}
