import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';

import { ApiError, errorText, fieldErrors, graphql } from '../api';
import {
  type CriterionKind,
  FIT_BAND_LABEL,
  FIT_BANDS,
  type FitBand,
  formatDateTime,
  type FormStatus,
  KIND_LABEL,
  RATING_LABEL,
} from '../format';
import { Alert, Brand, FieldError, Loading, MessagePage, Status, TextArea } from '../ui';
import { type Calibration, CalibrationCard } from './CalibrationCard';
import { clearDraft, type Draft, EMPTY_DRAFT, loadDraft, saveDraft } from './draft';

interface Criterion {
  id: string;
  label: string;
  description: string | null;
  kind: CriterionKind;
  weight: number;
}

interface FormResponse {
  overallFit: FitBand;
  strengths: string;
  gaps: string;
  nextSteps: string | null;
  candidateMessage: string | null;
  privateNote: string | null;
  submittedAt: string;
  ratings: { rating: number | null; note: string | null; criterion: { id: string; label: string } }[];
}

interface FormView {
  formId: string;
  status: FormStatus;
  candidateName: string;
  roleTitle: string;
  sessionTitle: string;
  sessionEndedAt: string | null;
  interviewerName: string;
  candidateAskedForFeedback: boolean;
  expiresAt: string | null;
  criteria: Criterion[];
  response: FormResponse | null;
  calibration: Calibration | null;
}

const VIEW = `
  formId status candidateName roleTitle sessionTitle sessionEndedAt interviewerName candidateAskedForFeedback expiresAt
  criteria { id label description kind weight }
  response {
    overallFit strengths gaps nextSteps candidateMessage privateNote submittedAt
    ratings { rating note criterion { id label } }
  }
  calibration { sessionsAnswered meanOverallFit peersMeanOverallFit calibrationDelta }`;

const LONG_TEXT = 5_000;
const NOTE = 1_000;

const RATING_OPTIONS: { value: string; label: string }[] = [
  { value: '1', label: '1 · Not yet evident' },
  { value: '2', label: '2 · Partly' },
  { value: '3', label: '3 · Meets' },
  { value: '4', label: '4 · Exceeds' },
  { value: 'na', label: 'Not assessed' },
];

const FIT_HINT: Record<FitBand, string> = {
  NOT_A_FIT: 'Not a fit for this profile now',
  PARTIAL_FIT: 'Some of the profile, clear gaps',
  GOOD_FIT: 'Most of the profile',
  STRONG_FIT: 'All of it, and more in places',
};

const WEIGHT_WORD = (weight: number) => (weight >= 4 ? 'essential' : weight === 3 ? 'important' : 'nice to have');

const CLOSING_QUESTION =
  'Based on my background and the skills and experience we discussed, how well do I fit the profile of the candidate you’re looking for?';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; view: FormView };

export function FormPage({ token }: { token: string }): ReactNode {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    graphql<{ feedbackForm: FormView }>(`query FeedbackForm($token: String!) { feedbackForm(token: $token) { ${VIEW} } }`, { token })
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

function LinkProblem({ error }: { error: unknown }): ReactNode {
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

function SessionHeading({ view, title }: { view: FormView; title: string }): ReactNode {
  return (
    <header className="page-head">
      <h1 tabIndex={-1} id="page-title">
        {title}
      </h1>
      <p className="lede">
        <strong>{view.candidateName}</strong> · {view.roleTitle}
      </p>
      <p className="meta">
        {view.sessionTitle}
        {view.sessionEndedAt ? ` · ended ${formatDateTime(view.sessionEndedAt)}` : ''}
      </p>
    </header>
  );
}

function FeedbackForm({ token, view, onDone }: { token: string; view: FormView; onDone(view: FormView): void }): ReactNode {
  const [initial] = useState(() => loadDraft(view.formId));
  const [draft, setDraft] = useState<Draft>(initial ?? EMPTY_DRAFT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState<'submit' | 'decline' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const [declineError, setDeclineError] = useState<string | undefined>();
  const declineRef = useRef<HTMLTextAreaElement | null>(null);
  const firstName = view.candidateName.split(/\s+/)[0] || view.candidateName;

  // saved on every change, but not merely for being restored: a draft expires 7 days after it was last edited
  useEffect(() => {
    if (draft !== initial) saveDraft(view.formId, draft);
  }, [view.formId, draft]);
  // once a submit was tried, messages follow the answers as they change
  useEffect(() => {
    if (attempted) setErrors(validate(draft, view.criteria));
  }, [draft]);

  const update = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const setRating = (id: string, value: string) => update({ ratings: { ...draft.ratings, [id]: value } });
  const setNote = (id: string, value: string) => update({ notes: { ...draft.notes, [id]: value } });

  const finish = (next: FormView) => {
    clearDraft(view.formId);
    onDone(next);
    window.scrollTo(0, 0);
    requestAnimationFrame(() => document.getElementById('page-title')?.focus());
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
      const data = await graphql<{ submitFeedback: FormView }>(
        `mutation SubmitFeedback($token: String!, $input: SubmitFeedbackInput!) { submitFeedback(token: $token, input: $input) { ${VIEW} } }`,
        { token, input: toInput(draft, view) },
      );
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

  const decline = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const reason = draft.declineReason.trim();
    const message = !reason
      ? 'Tell the recruiter briefly why, for example “I didn’t attend”.'
      : reason.length > 1_000
        ? `Keep this under 1,000 characters (now ${reason.length.toLocaleString()}).`
        : undefined;
    setDeclineError(message);
    if (message) {
      declineRef.current?.focus();
      return;
    }
    setBusy('decline');
    try {
      const data = await graphql<{ declineFeedbackForm: FormView }>(
        `mutation Decline($token: String!, $reason: String!) { declineFeedbackForm(token: $token, reason: $reason) { ${VIEW} } }`,
        { token, reason },
      );
      finish(data.declineFeedbackForm);
    } catch (error) {
      handleFailure(error, (serverErrors) => {
        setDeclineError(serverErrors.reason ?? Object.values(serverErrors)[0]);
        declineRef.current?.focus();
      });
    } finally {
      setBusy(null);
    }
  };

  const handleFailure = (error: unknown, onFields: (errors: Record<string, string>) => void) => {
    if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
      onFields(serverFieldErrors(error, view.criteria));
      return;
    }
    if (error instanceof ApiError && error.code === 'CONFLICT' && /already/i.test(error.message)) {
      // answered meanwhile (another tab?): show the form as it is now
      graphql<{ feedbackForm: FormView }>(`query FeedbackForm($token: String!) { feedbackForm(token: $token) { ${VIEW} } }`, { token })
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

  const errorCount = Object.keys(errors).length;
  const notEnded = view.sessionEndedAt === null;

  return (
    <>
      <Brand />
      <main className="page page-narrow" id="main">
        <SessionHeading view={view} title={`Your feedback on ${view.candidateName}`} />
        <p>
          Hello {view.interviewerName}. This takes a few minutes.
          {view.expiresAt ? (
            <>
              {' '}
              Please answer by <strong>{formatDateTime(view.expiresAt)}</strong>.
            </>
          ) : null}
        </p>
        {notEnded ? <Status>This interview hasn’t ended yet. You can send your feedback once it has.</Status> : null}
        {initial ? <Status>We restored the answers you started on this device.</Status> : null}

        <section className="question" aria-labelledby="question-title">
          {view.candidateAskedForFeedback ? (
            <>
              <h2 id="question-title">{firstName} asked the panel</h2>
              <blockquote>“{CLOSING_QUESTION}”</blockquote>
              <p>
                — and what their strengths are for this position, whether anything is lacking so far in your picture of them, and what the
                next steps are. Your answers are combined with the rest of the panel’s into one honest, kind answer.{' '}
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
                <input
                  type="checkbox"
                  checked={draft.candidateAsked}
                  onChange={(event) => update({ candidateAsked: event.target.checked })}
                />
                <span>{firstName} asked me at the close of the interview how well they fit the profile</span>
              </label>
            </>
          )}
        </section>

        <div className="decline-toggle">
          <button
            type="button"
            className="button-link"
            aria-expanded={declining}
            aria-controls="decline-panel"
            onClick={() => {
              setDeclining(!declining);
              if (!declining) requestAnimationFrame(() => declineRef.current?.focus());
            }}
          >
            I can’t give feedback on this session
          </button>
        </div>
        {declining ? (
          <form id="decline-panel" className="panel decline" onSubmit={decline} noValidate aria-labelledby="decline-title">
            <h2 id="decline-title">Decline this form</h2>
            <p>
              If you didn’t attend or have no basis to judge, tell the recruiter why. Nothing else is recorded, and this form then closes.
            </p>
            <div className={`field${declineError ? ' field-invalid' : ''}`}>
              <label htmlFor="declineReason">Reason (for the recruiter)</label>
              <textarea
                id="declineReason"
                ref={declineRef}
                rows={3}
                value={draft.declineReason}
                aria-invalid={declineError ? true : undefined}
                aria-describedby={declineError ? 'declineReason-error' : undefined}
                onChange={(event) => update({ declineReason: event.target.value })}
              />
              <FieldError id="declineReason-error" message={declineError} />
            </div>
            <div className="actions">
              <button type="submit" className="button button-secondary" disabled={busy !== null}>
                Decline this form
              </button>
              <button type="button" className="button-link" onClick={() => setDeclining(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}

        <form className="feedback" onSubmit={submit} noValidate aria-labelledby="form-title">
          <h2 id="form-title">How does {firstName} fit the profile?</h2>
          <p className="hint">
            Rate each part of the profile on what you saw in this session. “Not assessed” is a fine answer when it didn’t come up.
          </p>

          {view.criteria.map((criterion) => {
            const ratingKey = `rating-${criterion.id}`;
            const noteKey = `note-${criterion.id}`;
            const error = errors[ratingKey];
            return (
              <fieldset
                key={criterion.id}
                className={`criterion${error ? ' field-invalid' : ''}`}
                aria-describedby={[`${ratingKey}-about`, error ? `${ratingKey}-error` : ''].filter(Boolean).join(' ')}
              >
                <legend>{criterion.label}</legend>
                <p className="criterion-about" id={`${ratingKey}-about`}>
                  {KIND_LABEL[criterion.kind]} · {WEIGHT_WORD(criterion.weight)}
                  {criterion.description ? ` · ${criterion.description}` : ''}
                </p>
                <div className="scale">
                  {RATING_OPTIONS.map((option) => (
                    <label key={option.value} className={`scale-option${option.value === 'na' ? ' scale-na' : ''}`}>
                      <input
                        type="radio"
                        id={`${ratingKey}-${option.value}`}
                        name={ratingKey}
                        value={option.value}
                        checked={draft.ratings[criterion.id] === option.value}
                        aria-invalid={error ? true : undefined}
                        onChange={() => setRating(criterion.id, option.value)}
                      />
                      <span>{option.label}</span>
                    </label>
                  ))}
                </div>
                <FieldError id={`${ratingKey}-error`} message={error} />
                <TextArea
                  id={noteKey}
                  label={`Note on ${criterion.label}`}
                  rows={2}
                  value={draft.notes[criterion.id] ?? ''}
                  maxLength={NOTE}
                  counter
                  error={errors[noteKey]}
                  onChange={(value) => setNote(criterion.id, value)}
                  className="note"
                />
              </fieldset>
            );
          })}

          <fieldset
            className={`criterion overall${errors.overallFit ? ' field-invalid' : ''}`}
            aria-describedby={errors.overallFit ? 'overallFit-error' : undefined}
          >
            <legend>Overall fit</legend>
            <p className="criterion-about">Taking the whole profile together, how well does {firstName} fit?</p>
            <div className="scale scale-fit">
              {FIT_BANDS.map((band) => (
                <label key={band} className="scale-option">
                  <input
                    type="radio"
                    id={`overallFit-${band}`}
                    name="overallFit"
                    value={band}
                    checked={draft.overallFit === band}
                    aria-invalid={errors.overallFit ? true : undefined}
                    onChange={() => update({ overallFit: band })}
                  />
                  <span>
                    {FIT_BAND_LABEL[band]}
                    <small>{FIT_HINT[band]}</small>
                  </span>
                </label>
              ))}
            </div>
            <FieldError id="overallFit-error" message={errors.overallFit} />
          </fieldset>

          <p className="hint" id="who-reads">
            Of what you write here, only the message for {firstName} can reach them. Strengths, what is lacking, next steps and your private
            note stay with the hiring team; your ratings shape the panel’s answer without your words.
          </p>
          <TextArea
            id="strengths"
            label="Strengths for this position"
            hint="What did they show that the role needs? For the hiring team: the candidate never reads this."
            required
            value={draft.strengths}
            maxLength={LONG_TEXT}
            counter
            error={errors.strengths}
            onChange={(value) => update({ strengths: value })}
          />
          <TextArea
            id="gaps"
            label="Anything lacking in your picture of the candidate"
            hint="What is missing or unclear so far? “Nothing I noticed” is a fine answer. For the hiring team: the candidate never reads this."
            required
            value={draft.gaps}
            maxLength={LONG_TEXT}
            counter
            error={errors.gaps}
            onChange={(value) => update({ gaps: value })}
          />
          <TextArea
            id="nextSteps"
            label="Next steps"
            hint="What would you suggest: another conversation, a take-home, a decision? For the hiring team only."
            rows={3}
            value={draft.nextSteps}
            maxLength={LONG_TEXT}
            counter
            error={errors.nextSteps}
            onChange={(value) => update({ nextSteps: value })}
          />
          <TextArea
            id="candidateMessage"
            label="Message the candidate may read"
            hint={
              <>
                <strong>This is shared with {firstName}</strong>, without your name, as part of the panel’s answer: the only words of yours
                they may read. Be specific and kind.
              </>
            }
            rows={4}
            value={draft.candidateMessage}
            maxLength={LONG_TEXT}
            counter
            error={errors.candidateMessage}
            onChange={(value) => update({ candidateMessage: value })}
          />
          <TextArea
            id="privateNote"
            label="Private note"
            hint="Only the hiring team sees this. It is never shared with the candidate."
            rows={3}
            value={draft.privateNote}
            maxLength={LONG_TEXT}
            counter
            error={errors.privateNote}
            onChange={(value) => update({ privateNote: value })}
          />

          {problem ? <Alert>{problem}</Alert> : null}
          {errorCount > 0 ? (
            <p className="form-summary" role="alert">
              {errorCount === 1 ? 'One answer needs your attention' : `${errorCount} answers need your attention`} — see the messages above.
            </p>
          ) : null}
          <div className="actions actions-sticky">
            <button type="submit" className="button button-primary button-wide" disabled={busy !== null || notEnded}>
              Submit feedback
            </button>
            {busy === 'submit' ? (
              <span className="busy" role="status">
                Sending…
              </span>
            ) : null}
          </div>
          <p className="hint small">Your answers are kept on this device as you type, until you submit.</p>
        </form>
      </main>
    </>
  );
}

function validate(draft: Draft, criteria: Criterion[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const criterion of criteria) {
    if (!draft.ratings[criterion.id]) errors[`rating-${criterion.id}`] = 'Choose a rating, or “Not assessed” if it didn’t come up.';
    const note = (draft.notes[criterion.id] ?? '').trim();
    if (note.length > NOTE) errors[`note-${criterion.id}`] = tooLong(note, NOTE);
  }
  if (!draft.overallFit) errors.overallFit = 'Choose the overall fit.';
  if (!draft.strengths.trim()) errors.strengths = 'Name at least one strength for this position.';
  if (!draft.gaps.trim()) errors.gaps = 'Write what is lacking in your picture so far, or say that nothing is.';
  for (const field of ['strengths', 'gaps', 'nextSteps', 'candidateMessage', 'privateNote'] as const) {
    const text = draft[field].trim();
    if (text.length > LONG_TEXT) errors[field] = tooLong(text, LONG_TEXT);
  }
  return errors;
}

const tooLong = (text: string, max: number) => `Keep this under ${max.toLocaleString()} characters (now ${text.length.toLocaleString()}).`;

/** The order of the page, so focus lands on the first problem a reader would meet. */
function focusFirst(errors: Record<string, string>, criteria: Criterion[]): void {
  const order = [
    ...criteria.flatMap((c) => [`rating-${c.id}`, `note-${c.id}`]),
    'overallFit',
    'strengths',
    'gaps',
    'nextSteps',
    'candidateMessage',
    'privateNote',
  ];
  const first = order.find((key) => errors[key]);
  if (!first) return;
  const target =
    first.startsWith('rating-') || first === 'overallFit'
      ? (document.querySelector<HTMLInputElement>(`input[name="${first}"]:checked`) ??
        document.querySelector<HTMLInputElement>(`input[name="${first}"]`))
      : document.getElementById(first);
  target?.focus();
}

function serverFieldErrors(error: ApiError, criteria: Criterion[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    const rating = /^ratings\.(\d+)\.(rating|note|criterionId)$/.exec(field);
    if (rating) {
      const criterion = criteria[Number(rating[1])];
      if (criterion) errors[`${rating[2] === 'note' ? 'note' : 'rating'}-${criterion.id}`] = message;
    } else errors[field] = message;
  }
  if (Object.keys(errors).length === 0) errors.strengths = error.message;
  return errors;
}

function toInput(draft: Draft, view: FormView) {
  const optional = (text: string) => text.trim() || null;
  return {
    candidateAskedForFeedback: view.candidateAskedForFeedback ? null : draft.candidateAsked,
    overallFit: draft.overallFit,
    ratings: view.criteria.map((criterion) => {
      const value = draft.ratings[criterion.id];
      return {
        criterionId: criterion.id,
        rating: value && value !== 'na' ? Number(value) : null,
        note: optional(draft.notes[criterion.id] ?? ''),
      };
    }),
    strengths: draft.strengths.trim(),
    gaps: draft.gaps.trim(),
    nextSteps: optional(draft.nextSteps),
    candidateMessage: optional(draft.candidateMessage),
    privateNote: optional(draft.privateNote),
  };
}

function ThankYou({ view, response }: { view: FormView; response: FormResponse }): ReactNode {
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

function Declined({ view }: { view: FormView }): ReactNode {
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
