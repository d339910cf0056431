import { type ReactNode, useEffect, useState } from 'react';

import { graphql } from '../api';
import { Loading } from '../ui';
import { clearDraft } from './draft';
import { FeedbackForm } from './FeedbackForm';
import { FEEDBACK_FORM, type FormView } from './form-view';
import { Declined, ThankYou } from './FormAnswered';
import { LinkProblem } from './LinkProblem';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; view: FormView };

/** An interviewer's feedback form, opened from the link in their email (`/f/<token>`). */
export function FormPage({ token }: { token: string }): ReactNode {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    graphql<{ feedbackForm: FormView }>(FEEDBACK_FORM, { token })
      .then((data) => {
        const { status, formId } = data.feedbackForm;
        // answered in another tab: what this device kept of it is of no more use
        if (status === 'SUBMITTED' || status === 'DECLINED') clearDraft(formId);
        if (live) setLoad({ state: 'ready', view: data.feedbackForm });
      })
      .catch((error: unknown) => live && setLoad({ state: 'error', error }));
    return () => {
      live = false;
    };
  }, [token]);

  if (load.state === 'loading') return <Loading label="Opening your feedback form…" />;
  if (load.state === 'error') return <LinkProblem error={load.error} />;
  const { view } = load;
  if (view.status === 'SUBMITTED' && view.response) return <ThankYou view={view} response={view.response} />;
  if (view.status === 'DECLINED') return <Declined view={view} />;
  return <FeedbackForm token={token} view={view} onDone={(next) => setLoad({ state: 'ready', view: next })} />;
}
