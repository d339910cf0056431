import type { ReactNode } from 'react';

import { formatDate, formatDateTime } from '../format';
import { Status } from '../ui';

/**
 * What the candidate was promised once they asked: the date (in their own locale), or, once it
 * has passed without an answer, an honest word that it is late and when the recruiter was told.
 */
export function AnswerPromise({
  answerExpectedBy,
  lateNotifiedAt,
  justAsked,
}: {
  answerExpectedBy: string | null;
  lateNotifiedAt: string | null;
  justAsked: boolean;
}): ReactNode {
  const thanks = justAsked ? 'Thank you — you asked how well you fit. ' : 'You asked how well you fit the profile. ';
  if (answerExpectedBy && Date.parse(answerExpectedBy) <= Date.now()) {
    return (
      <Status tone="info">
        {thanks}We promised you an answer by <strong className="answer-expected-by">{formatDate(answerExpectedBy)}</strong>, and it is late
        — we are sorry.{' '}
        {lateNotifiedAt
          ? `The recruiter was told on ${formatDateTime(lateNotifiedAt)}; we email you as soon as it is ready.`
          : 'The recruiter is being told; we email you as soon as it is ready.'}
      </Status>
    );
  }
  return (
    <Status tone={justAsked ? 'ok' : 'info'}>
      {thanks}
      {answerExpectedBy ? (
        <>
          You can expect the panel’s answer by <strong className="answer-expected-by">{formatDate(answerExpectedBy)}</strong>. We email you
          when it is ready, and it appears here.
        </>
      ) : (
        'Once the panel has given its feedback we email you and the answer appears here.'
      )}
    </Status>
  );
}
