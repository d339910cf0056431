import type { ReactNode } from 'react';

import { ApiError, errorText } from '../api';
import { MessagePage } from '../ui';

/** Why a form link does not open (expired, replaced, cancelled, unknown), and what to do next. */
export function LinkProblem({ error }: { error: unknown }): ReactNode {
  const contact = (
    <p>
      If you still want to give feedback, reply to the email that brought you here or contact the recruiter who scheduled the interview:
      they can send you a fresh link.
    </p>
  );
  if (error instanceof ApiError && error.code === 'GONE') {
    const replaced = /replaced|newer/i.test(error.message);
    const cancelled = /cancel/i.test(error.message);
    return (
      <MessagePage
        title={replaced ? 'This link was replaced' : cancelled ? 'This interview was cancelled' : 'This feedback form has expired'}
      >
        <p>
          {replaced
            ? 'A newer link to this form was sent, so this one no longer works. Please use the most recent email about this interview.'
            : cancelled
              ? 'The interview was cancelled, so there is no feedback to give.'
              : 'The time to answer this form has passed, so it no longer accepts feedback.'}
        </p>
        {cancelled ? null : contact}
      </MessagePage>
    );
  }
  if (error instanceof ApiError && error.code === 'NOT_FOUND') {
    return (
      <MessagePage title="This link doesn’t work">
        <p>The link may be incomplete (check that you copied all of it) or it no longer exists.</p>
        {contact}
      </MessagePage>
    );
  }
  return (
    <MessagePage title="We couldn’t open your form">
      <p>{errorText(error)}</p>
      <p>
        <a href={location.pathname}>Try again</a>
      </p>
    </MessagePage>
  );
}
