import type { ReactNode } from 'react';

import { FIT_BAND_LABEL, formatDateTime, RATING_LABEL } from '../format';
import { Brand, Status } from '../ui';
import { CalibrationCard } from './CalibrationCard';
import type { FeedbackResponse, FormView } from './form-view';
import { SessionHeading } from './SessionHeading';

/** The form once answered: what was sent, and how this interviewer's ratings compare with their peers'. */
export function ThankYou({ view, response }: { view: FormView; response: FeedbackResponse }): ReactNode {
  const answer = (label: string, text: string | null) => (
    <div className="answer-row">
      <dt>{label}</dt>
      <dd>{text ? <span className="prewrap">{text}</span> : <span className="muted">—</span>}</dd>
    </div>
  );
  return (
    <>
      <Brand />
      <main className="page page-narrow" id="main">
        <SessionHeading view={view} title="Thank you — your feedback is in" />
        <Status tone="ok">
          Sent {formatDateTime(response.submittedAt)}. The candidate gets one combined answer from the panel; your name is never shown to
          them.
        </Status>
        <section aria-labelledby="your-answer" className="panel">
          <h2 id="your-answer">Your answer</h2>
          <dl className="answer-list">
            {answer('Overall fit', FIT_BAND_LABEL[response.overallFit])}
            {response.ratings.map((rating) => (
              <div className="answer-row" key={rating.criterion.id}>
                <dt>{rating.criterion.label}</dt>
                <dd>
                  {rating.rating === null ? 'Not assessed' : `${rating.rating} · ${RATING_LABEL[rating.rating]}`}
                  {rating.note ? <span className="prewrap note-text">{rating.note}</span> : null}
                </dd>
              </div>
            ))}
            {answer('Strengths', response.strengths)}
            {answer('Anything lacking in your picture', response.gaps)}
            {answer('Next steps', response.nextSteps)}
            {answer('Message the candidate may read', response.candidateMessage)}
            {answer('Private note', response.privateNote)}
          </dl>
        </section>
        {view.calibration ? <CalibrationCard calibration={view.calibration} /> : null}
      </main>
    </>
  );
}

export function Declined({ view }: { view: FormView }): ReactNode {
  return (
    <>
      <Brand />
      <main className="page page-narrow" id="main">
        <SessionHeading view={view} title="Thanks for letting us know" />
        <Status tone="ok">
          You declined to give feedback on this session. The recruiter has your reason; there is nothing more to do.
        </Status>
      </main>
    </>
  );
}
