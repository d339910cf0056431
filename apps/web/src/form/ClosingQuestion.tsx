import type { ReactNode } from 'react';

const CLOSING_QUESTION =
  'Based on my background and the skills and experience we discussed, how well do I fit the profile of the candidate you’re looking for?';

/**
 * The question the answers serve: quoted when the candidate asked it; otherwise the interviewer
 * can say that they were asked at the close of the interview.
 */
export function ClosingQuestion(props: {
  firstName: string;
  askedForFeedback: boolean;
  askedInInterview: boolean;
  onAskedInInterview(asked: boolean): void;
}): ReactNode {
  const { firstName } = props;
  return (
    <section className="question" aria-labelledby="question-title">
      {props.askedForFeedback ? (
        <>
          <h2 id="question-title">{firstName} asked the panel</h2>
          <blockquote>“{CLOSING_QUESTION}”</blockquote>
          <p>
            — and what their strengths are for this position, whether anything is lacking so far in your picture of them, and what the next
            steps are. Your answers are combined with the rest of the panel’s into one honest, kind answer.{' '}
            <strong>Your name is never shown to the candidate.</strong>
          </p>
        </>
      ) : (
        <>
          <h2 id="question-title">The closing question</h2>
          <p>
            {firstName} hasn’t asked (yet) how well they fit the profile. Your answers still help the team, and if they ask, they become
            part of one combined answer. Your name is never shown to the candidate.
          </p>
          <label className="check">
            <input type="checkbox" checked={props.askedInInterview} onChange={(event) => props.onAskedInInterview(event.target.checked)} />
            <span>{firstName} asked me at the close of the interview how well they fit the profile</span>
          </label>
        </>
      )}
    </section>
  );
}
