import { type FormEvent, type ReactNode, useState } from 'react';

import { type Api, errorText } from '../api';
import { FIT_BAND_LABEL, FIT_LEVEL_LABEL, FORM_STATUS_LABEL, formatDateTime } from '../format';
import { Alert, FieldError, Status } from '../ui';
import { CandidateReplies } from './CandidateReplies';
import { type ConfirmOptions, useConfirm } from './ConfirmDialog';
import { FlaggedText } from './FlaggedText';
import { Link } from './places';
import type { FlagDetail, Form, Person, Session } from './queries';
import { WithheldAnswer } from './WithheldAnswer';

/** The candidate-facing fields as the review card names them. */
const FIELD_LABEL: Record<string, string> = {
  message: 'Message',
  strengths: 'Strengths',
  gaps: 'Lacking in the picture',
  nextSteps: 'Next steps',
  profile: 'Profile',
};

interface Notice {
  text: string;
  tone: 'ok' | 'warn';
}

interface Props {
  api: Api;
  sessions: { data: Session[] | null; error: string | null; loading: boolean };
  /** The organization's interviewers, for adding one to a panel that answered too little. */
  interviewers?: Person[];
  onChanged(): void;
}

export function Review({ api, sessions, interviewers = [], onChanged }: Props): ReactNode {
  const [done, setDone] = useState<Notice | null>(null);
  const [confirmation, confirm] = useConfirm();
  if (!sessions.data) return sessions.error ? <Alert>{sessions.error}</Alert> : <Status>Loading…</Status>;
  const awaiting = sessions.data.filter((s) => s.answer?.status === 'AWAITING_REVIEW');
  const withheld = sessions.data.filter((s) => s.status === 'COMPLETED' && s.answer?.status === 'WITHHELD');
  // a cancelled session's forms end with it: nothing to deliver there
  const undelivered = sessions.data
    .filter((s) => s.status === 'COMPLETED')
    .flatMap((s) => s.forms.filter((f) => f.status === 'FAILED' || f.status === 'EXPIRED').map((form) => ({ session: s, form })));
  const changed = (text: string, tone: Notice['tone'] = 'ok') => {
    setDone({ text, tone });
    onChanged();
  };
  return (
    <div className="review">
      <h1>Needs attention</h1>
      {confirmation}
      {done ? <Status tone={done.tone}>{done.text}</Status> : null}

      <section aria-labelledby="awaiting-title">
        <h2 id="awaiting-title">Answers awaiting review ({awaiting.length})</h2>
        {awaiting.length === 0 ? <p className="muted">No answers are waiting for review.</p> : null}
        {awaiting.map((session) => (
          <ReviewCard key={session.id} api={api} session={session} confirm={confirm} onChanged={changed} />
        ))}
      </section>

      <section aria-labelledby="withheld-title">
        <h2 id="withheld-title">Withheld answers ({withheld.length})</h2>
        <p className="hint">
          These candidates get no answer unless you act: gather more feedback, write the answer yourself, or tell them kindly that not
          enough feedback could be gathered.
        </p>
        {withheld.length === 0 ? <p className="muted">No answer is withheld.</p> : null}
        {withheld.map((session) => (
          <WithheldAnswer key={session.id} api={api} session={session} interviewers={interviewers} confirm={confirm} onChanged={changed} />
        ))}
      </section>

      <CandidateReplies sessions={sessions.data} />

      <section aria-labelledby="failed-title">
        <h2 id="failed-title">Forms that didn’t reach an answer ({undelivered.length})</h2>
        <p className="hint">
          Failed: the email could not be delivered. Expired: the interviewer didn’t answer in time. Re-sending emails a fresh link; the old
          one stops working.
        </p>
        {undelivered.length === 0 ? <p className="muted">Every form was delivered.</p> : null}
        {undelivered.length > 0 ? (
          <ul className="cards">
            {undelivered.map(({ session, form }) => (
              <FailedForm key={form.id} api={api} session={session} form={form} onChanged={changed} />
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}

function ReviewCard({
  api,
  session,
  confirm,
  onChanged,
}: {
  api: Api;
  session: Session;
  confirm(options: ConfirmOptions): Promise<boolean>;
  onChanged(message: string, tone?: Notice['tone']): void;
}): ReactNode {
  const answer = session.answer!;
  const [message, setMessage] = useState(answer.message ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ message?: string; reason?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = session.id;

  const release = async (event: FormEvent) => {
    event.preventDefault();
    if (message.length > 5_000) {
      setErrors({ message: 'Keep the message under 5,000 characters.' });
      return;
    }
    const sure = await confirm({
      title: `Release the answer to ${session.candidate.name}?`,
      consequence: `${session.candidate.name} will see it on their page${session.fitFeedbackRequested ? ' and is emailed now' : ', and is emailed when they ask'}. A released answer cannot be withheld afterwards.`,
      confirmLabel: 'Release the answer',
      dismissLabel: 'Keep it in review',
    });
    if (!sure) return;
    setBusy(true);
    setProblem(null);
    try {
      const edited = message.trim() !== (answer.message ?? '').trim();
      const { releaseCandidateAnswer: released } = await api<{ releaseCandidateAnswer: { flagDetails: FlagDetail[] } }>(
        `mutation Release($id: ID!, $message: String) {
          releaseCandidateAnswer(id: $id, message: $message) { id status flagDetails { category excerpt field } }
        }`,
        { id: answer.id, message: edited && message.trim() ? message.trim() : null },
      );
      // an edited message is released as written; what the wording check found in it comes back as a warning
      const warnings = edited ? released.flagDetails.filter((flag) => flag.field === 'message') : [];
      if (warnings.length > 0) {
        const found = warnings.map((flag) => `“${flag.excerpt}” (${flag.category})`).join('; ');
        onChanged(`Released the answer to ${session.candidate.name}. The wording check flagged your message: ${found}.`, 'warn');
      } else {
        onChanged(`Released the answer to ${session.candidate.name}.`);
      }
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const withhold = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors({ reason: 'Say why it is withheld; the reason stays internal.' });
      document.getElementById(`reason-${id}`)?.focus();
      return;
    }
    const sure = await confirm({
      title: `Withhold the answer to ${session.candidate.name}?`,
      consequence: `${session.candidate.name} will not receive this answer; their page will say that not enough feedback could be gathered. Your reason stays internal.`,
      confirmLabel: 'Withhold the answer',
      dismissLabel: 'Keep it in review',
      destructive: true,
    });
    if (!sure) return;
    setBusy(true);
    setProblem(null);
    try {
      await api(`mutation Withhold($id: ID!, $reason: String!) { withholdCandidateAnswer(id: $id, reason: $reason) { id status } }`, {
        id: answer.id,
        reason: reason.trim(),
      });
      onChanged(`Withheld the answer to ${session.candidate.name}.`);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const panelMessages = session.forms.filter((f) => f.response?.candidateMessage);

  return (
    <article className="card review-card" aria-labelledby={`review-${id}`} data-testid={`review-${id}`}>
      <h3 id={`review-${id}`}>
        {session.candidate.name} — {session.role.title}
      </h3>
      <p className="meta">
        <Link to={`/dashboard/sessions/${session.id}`}>{session.title}</Link> · completed {formatDateTime(session.completedAt)} ·{' '}
        {answer.responsesCount} {answer.responsesCount === 1 ? 'response' : 'responses'}
        {session.fitFeedbackRequested ? ' · the candidate asked' : ' · the candidate has not asked yet'}
      </p>
      {answer.flags.length > 0 ? (
        <WordingFlags id={id} message={answer.message} flags={answer.flags} details={answer.flagDetails} />
      ) : (
        <p className="hint">This role’s answers are reviewed by a recruiter before release.</p>
      )}
      <div className="review-grid">
        <div>
          <p>
            <span className="label">Fit band</span> {answer.fitBand ? FIT_BAND_LABEL[answer.fitBand] : '—'}
            {answer.fitScore !== null ? ` · score ${answer.fitScore}` : ''}
          </p>
          <ul className="profile-compact">
            {answer.profile.map((p) => (
              <li key={p.criterion}>
                {p.criterion}: <strong>{FIT_LEVEL_LABEL[p.level]}</strong>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <p>
            <span className="label">Strengths</span> {answer.strengths.join('; ') || '—'}
          </p>
          <p>
            <span className="label">Lacking in the picture</span> {answer.gaps.join('; ') || '—'}
          </p>
        </div>
      </div>
      {panelMessages.length > 0 ? (
        <details>
          <summary>What each interviewer wrote for the candidate</summary>
          <ul>
            {panelMessages.map((f) => (
              <li key={f.id}>
                <strong>{f.interviewer.name}</strong>: <span className="prewrap">{f.response!.candidateMessage}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <div className="review-actions">
        <form onSubmit={release} noValidate className="panel">
          <div className={`field${errors.message ? ' field-invalid' : ''}`}>
            <label htmlFor={`message-${id}`}>Message to the candidate</label>
            <p className="hint" id={`message-${id}-hint`}>
              Edit it if needed. The candidate reads it without any interviewer’s name.
            </p>
            <textarea
              id={`message-${id}`}
              rows={5}
              value={message}
              aria-describedby={`message-${id}-hint${errors.message ? ` message-${id}-error` : ''}`}
              aria-invalid={errors.message ? true : undefined}
              onChange={(event) => setMessage(event.target.value)}
            />
            <FieldError id={`message-${id}-error`} message={errors.message} />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            Release answer to {session.candidate.name}
          </button>
        </form>
        <form onSubmit={withhold} noValidate className="panel">
          <div className={`field${errors.reason ? ' field-invalid' : ''}`}>
            <label htmlFor={`reason-${id}`}>Reason for withholding</label>
            <p className="hint" id={`reason-${id}-hint`}>
              Internal only. The candidate is not sent this answer.
            </p>
            <textarea
              id={`reason-${id}`}
              rows={3}
              value={reason}
              aria-describedby={`reason-${id}-hint${errors.reason ? ` reason-${id}-error` : ''}`}
              aria-invalid={errors.reason ? true : undefined}
              onChange={(event) => setReason(event.target.value)}
            />
            <FieldError id={`reason-${id}-error`} message={errors.reason} />
          </div>
          <button type="submit" className="button button-secondary" disabled={busy}>
            Withhold answer
          </button>
        </form>
      </div>
      {problem ? <Alert>{problem}</Alert> : null}
    </article>
  );
}

/** What held the answer: the composed message with the flagged words marked, and the flags in the other fields. */
function WordingFlags({
  id,
  message,
  flags,
  details,
}: {
  id: string;
  message: string | null;
  flags: string[];
  details: FlagDetail[];
}): ReactNode {
  const inMessage = details.filter((flag) => flag.field === 'message');
  const elsewhere = details.filter((flag) => flag.field !== 'message');
  return (
    <div className="flags">
      <p>
        Held by the wording check: <strong>{flags.join(', ')}</strong>.{' '}
        {details.length > 0 ? 'Check the highlighted words before releasing.' : 'Check the message before releasing.'}
      </p>
      {message && inMessage.length > 0 ? (
        <figure className="flagged-message" data-testid={`flagged-message-${id}`}>
          <figcaption>The composed message, flagged words highlighted</figcaption>
          <p className="prewrap">
            <FlaggedText text={message} details={inMessage} />
          </p>
        </figure>
      ) : null}
      {elsewhere.length > 0 ? (
        <ul className="flagged-fields">
          {elsewhere.map((flag, index) => (
            <li key={index}>
              {FIELD_LABEL[flag.field] ?? flag.field}: <mark className="flagged">{flag.excerpt}</mark> — {flag.category}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function FailedForm({
  api,
  session,
  form,
  onChanged,
}: {
  api: Api;
  session: Session;
  form: Form;
  onChanged(message: string): void;
}): ReactNode {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const resend = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api(`mutation Resend($id: ID!) { resendFeedbackForm(formId: $id) { id status } }`, { id: form.id });
      onChanged(`Sent ${form.interviewer.name} a fresh link to the form on ${session.candidate.name}.`);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card failed-form" data-testid={`form-${form.id}`}>
      <p>
        <strong>{form.interviewer.name}</strong> &lt;{form.interviewer.email}&gt; · on{' '}
        <Link to={`/dashboard/sessions/${session.id}`}>
          {session.candidate.name} ({session.role.title})
        </Link>{' '}
        · <span className={`status status-${form.status.toLowerCase()}`}>{FORM_STATUS_LABEL[form.status]}</span>
      </p>
      {form.status === 'FAILED' ? (
        <p className="error-text">
          <span className="label">Error</span> {form.lastError ?? 'unknown'}
        </p>
      ) : (
        <p className="meta">Expired {formatDateTime(form.expiresAt)}</p>
      )}
      <button type="button" className="button button-secondary" onClick={resend} disabled={busy}>
        Re-send form to {form.interviewer.name}
      </button>
      {problem ? <Alert>{problem}</Alert> : null}
    </li>
  );
}
