import { type FormEvent, useEffect, useState } from 'react';

import { ApiError, errorText, graphql } from '../api';
import { clearDraft, type Draft, EMPTY_DRAFT, loadDraft, saveDraft } from './draft';
import { declineReasonProblem, serverFieldErrors, toInput, validate, WRITTEN_FIELDS } from './feedback-input';
import { type Criterion, DECLINE_FORM, FEEDBACK_FORM, type FormView, SUBMIT_FEEDBACK } from './form-view';

export interface FeedbackDraft {
  draft: Draft;
  /** Whether the draft was restored from this device when the page opened. */
  restored: boolean;
  update(change: Partial<Draft>): void;
  errors: Record<string, string>;
  busy: 'submit' | 'decline' | null;
  /** What went wrong that no single field explains. */
  problem: string | null;
  submit(event: FormEvent): Promise<void>;
  /** Declines with the draft's reason; `refused` gets the message to show beside it. */
  decline(refused: (message: string | undefined) => void): Promise<void>;
}

/**
 * The interviewer's answers while they write them: kept on this device as they change, checked
 * before sending, and sent (or declined) with the server's refusals put beside their fields.
 */
export function useFeedbackDraft(token: string, view: FormView, onDone: (view: FormView) => void): FeedbackDraft {
  const [initial] = useState(() => loadDraft(view.formId));
  const [draft, setDraft] = useState<Draft>(initial ?? EMPTY_DRAFT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState<'submit' | 'decline' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // saved on every change, but not merely for being restored: a draft expires 7 days after it was last edited
  useEffect(() => {
    if (draft !== initial) saveDraft(view.formId, draft);
  }, [view.formId, draft]);
  // once a submit was tried, messages follow the answers as they change
  useEffect(() => {
    if (attempted) setErrors(validate(draft, view.criteria));
  }, [draft]);

  const update = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));

  const finish = (next: FormView) => {
    clearDraft(view.formId);
    onDone(next);
    window.scrollTo(0, 0);
    requestAnimationFrame(() => document.getElementById('page-title')?.focus());
  };

  const handleFailure = (error: unknown, onFields: (errors: Record<string, string>) => void) => {
    if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
      onFields(serverFieldErrors(error, view.criteria));
      return;
    }
    if (error instanceof ApiError && error.code === 'CONFLICT' && /already/i.test(error.message)) {
      // answered meanwhile (another tab?): show the form as it is now
      graphql<{ feedbackForm: FormView }>(FEEDBACK_FORM, { token })
        .then((data) => finish(data.feedbackForm))
        .catch(() => setProblem(errorText(error)));
      return;
    }
    if (error instanceof ApiError && error.code === 'GONE') {
      setProblem(`${error.message}. Your draft is still saved on this device; ask the recruiter for a fresh link.`);
      return;
    }
    setProblem(errorText(error));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setProblem(null);
    const found = validate(draft, view.criteria);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found, view.criteria);
      return;
    }
    setBusy('submit');
    try {
      const data = await graphql<{ submitFeedback: FormView }>(SUBMIT_FEEDBACK, { token, input: toInput(draft, view) });
      finish(data.submitFeedback);
    } catch (error) {
      handleFailure(error, (serverErrors) => {
        setErrors(serverErrors);
        focusFirst(serverErrors, view.criteria);
      });
    } finally {
      setBusy(null);
    }
  };

  const decline = async (refused: (message: string | undefined) => void) => {
    setProblem(null);
    const reason = draft.declineReason.trim();
    const message = declineReasonProblem(reason);
    refused(message);
    if (message) return;
    setBusy('decline');
    try {
      const data = await graphql<{ declineFeedbackForm: FormView }>(DECLINE_FORM, { token, reason });
      finish(data.declineFeedbackForm);
    } catch (error) {
      handleFailure(error, (serverErrors) => refused(serverErrors.reason ?? Object.values(serverErrors)[0]));
    } finally {
      setBusy(null);
    }
  };

  return { draft, restored: initial !== null, update, errors, busy, problem, submit, decline };
}

/** The order of the page, so focus lands on the first problem a reader would meet. */
function focusFirst(errors: Record<string, string>, criteria: Criterion[]): void {
  const order = [...criteria.flatMap((c) => [`rating-${c.id}`, `note-${c.id}`]), 'overallFit', ...WRITTEN_FIELDS];
  const first = order.find((key) => errors[key]);
  if (!first) return;
  const target =
    first.startsWith('rating-') || first === 'overallFit'
      ? (document.querySelector<HTMLInputElement>(`input[name="${first}"]:checked`) ??
        document.querySelector<HTMLInputElement>(`input[name="${first}"]`))
      : document.getElementById(first);
  target?.focus();
}
