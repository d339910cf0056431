import { type FormEvent, type ReactNode, useState } from 'react';

import { type Api, errorText } from '../api';
import { FORM_STATUS_LABEL, formatDateTime } from '../format';
import { Alert, FieldError } from '../ui';
import type { ConfirmOptions } from './ConfirmDialog';
import type { Person, Session } from './queries';

interface Props {
  api: Api;
  session: Session;
  /** The organization's interviewers: those not on the panel can be added. */
  interviewers: Person[];
  confirm(options: ConfirmOptions): Promise<boolean>;
  onChanged(message: string): void;
}

/**
 * A withheld answer and what can still help: re-send an unanswered form, add an interviewer,
 * write and release the answer by hand, or tell the candidate that not enough feedback could be
 * gathered. Each action says what it will do before doing it.
 */
export function WithheldAnswer({ api, session, interviewers, confirm, onChanged }: Props): ReactNode {
  const answer = session.answer!;
  const id = session.id;
  const name = session.candidate.name;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [messageError, setMessageError] = useState<string | undefined>();
  const [adding, setAdding] = useState('');
  const onPanel = new Set(session.forms.map((form) => form.interviewer.id));
  const candidates = interviewers.filter((person) => !onPanel.has(person.id));
  const unanswered = session.forms.filter((form) => form.status === 'EXPIRED' || form.status === 'FAILED');
  const neverComposed = answer.fitBand === null;

  const run = async (mutation: string, variables: Record<string, unknown>, done: string) => {
    setBusy(true);
    setProblem(null);
    try {
      await api(mutation, variables);
      onChanged(done);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const resend = async (form: Session['forms'][number]) => {
    const sure = await confirm({
      title: `Re-send the form to ${form.interviewer.name}?`,
      consequence: `${form.interviewer.name} is emailed a fresh link (the old one stops working), and ${name}’s answer waits for feedback again instead of staying withheld.`,
      confirmLabel: 'Re-send the form',
      dismissLabel: 'Not now',
    });
    if (sure)
      await run(
        `mutation Resend($id: ID!) { resendFeedbackForm(formId: $id) { id status } }`,
        { id: form.id },
        `Sent ${form.interviewer.name} a fresh link; ${name}’s answer waits for feedback again.`,
      );
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const person = candidates.find((p) => p.id === adding);
    if (!person) return;
    const sure = await confirm({
      title: `Add ${person.name} to the panel?`,
      consequence: `${person.name} is emailed the form about ${name}, with a full deadline to answer, and the answer waits for feedback again.`,
      confirmLabel: `Add ${person.name}`,
      dismissLabel: 'Not now',
    });
    if (sure)
      await run(
        `mutation AddPanelist($s: ID!, $i: ID!) { addSessionInterviewer(sessionId: $s, interviewerId: $i) { id } }`,
        { s: id, i: person.id },
        `Added ${person.name} to ${name}’s panel; their form is on its way.`,
      );
  };

  const release = async (event: FormEvent) => {
    event.preventDefault();
    if (!message.trim()) {
      setMessageError('Write the message the candidate will read.');
      document.getElementById(`withheld-message-${id}`)?.focus();
      return;
    }
    setMessageError(undefined);
    const sure = await confirm({
      title: `Release an answer to ${name}?`,
      consequence: `${name} will see your message with the panel’s combined view from the ${answer.responsesCount} ${answer.responsesCount === 1 ? 'response' : 'responses'} that arrived, and is emailed if they asked. A released answer cannot be taken back.`,
      confirmLabel: 'Release the answer',
      dismissLabel: 'Keep it withheld',
    });
    if (sure)
      await run(
        `mutation Release($id: ID!, $message: String) { releaseCandidateAnswer(id: $id, message: $message) { id status } }`,
        { id: answer.id, message: message.trim() },
        `Released your answer to ${name}.`,
      );
  };

  const notify = async () => {
    const sure = await confirm({
      title: `Tell ${name} no answer is coming?`,
      consequence: `${name} is emailed, once, that not enough feedback could be gathered to give a fair answer. Their page already says so.`,
      confirmLabel: 'Send the note',
      dismissLabel: 'Not now',
    });
    if (sure)
      await run(
        `mutation Notify($id: ID!) { notifyCandidateNoAnswer(id: $id) { id candidateNotifiedAt } }`,
        { id: answer.id },
        `Told ${name} that not enough feedback could be gathered.`,
      );
  };

  return (
    <article className="card review-card" aria-labelledby={`withheld-${id}`} data-testid={`withheld-${id}`}>
      <h3 id={`withheld-${id}`}>
        {name} — {session.role.title}
      </h3>
      <p className="meta">
        {session.title} · completed {formatDateTime(session.completedAt)} · {answer.responsesCount}{' '}
        {answer.responsesCount === 1 ? 'response' : 'responses'}
        {session.fitFeedbackRequested ? ' · the candidate asked' : ''}
      </p>
      <p>
        <span className="label">Why it was withheld</span> {answer.withheldReason ?? 'no reason recorded'}
      </p>
      {unanswered.length > 0 ? (
        <ul className="plain">
          {unanswered.map((form) => (
            <li key={form.id}>
              {form.interviewer.name}: {FORM_STATUS_LABEL[form.status]}{' '}
              {neverComposed ? (
                <button type="button" className="button-link" disabled={busy} onClick={() => resend(form)}>
                  Re-send the form<span className="sr-only"> to {form.interviewer.name}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="review-actions">
        {neverComposed && candidates.length > 0 ? (
          <form onSubmit={add} className="panel">
            <div className="field">
              <label htmlFor={`add-${id}`}>Add an interviewer to the panel</label>
              <select id={`add-${id}`} value={adding} onChange={(event) => setAdding(event.target.value)}>
                <option value="">Choose an interviewer</option>
                {candidates.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary" disabled={busy || !adding}>
              Add and send the form
            </button>
          </form>
        ) : null}
        {answer.responsesCount > 0 ? (
          <form onSubmit={release} noValidate className="panel">
            <div className={`field${messageError ? ' field-invalid' : ''}`}>
              <label htmlFor={`withheld-message-${id}`}>Write the answer yourself</label>
              <p className="hint" id={`withheld-message-${id}-hint`}>
                Your message, with the panel’s combined view from the responses that arrived.
              </p>
              <textarea
                id={`withheld-message-${id}`}
                rows={4}
                maxLength={5_000}
                value={message}
                aria-describedby={`withheld-message-${id}-hint${messageError ? ` withheld-message-${id}-error` : ''}`}
                aria-invalid={messageError ? true : undefined}
                onChange={(event) => setMessage(event.target.value)}
              />
              <FieldError id={`withheld-message-${id}-error`} message={messageError} />
            </div>
            <button type="submit" className="button button-secondary" disabled={busy}>
              Release it to {name}
            </button>
          </form>
        ) : null}
        <div className="panel">
          {answer.candidateNotifiedAt ? (
            <p>
              {name} was told on {formatDateTime(answer.candidateNotifiedAt)} that not enough feedback could be gathered.
            </p>
          ) : (
            <>
              <p className="hint">Their page says kindly that not enough feedback could be gathered.</p>
              <button type="button" className="button button-secondary" disabled={busy} onClick={notify}>
                Email {name} that no answer is coming
              </button>
            </>
          )}
        </div>
      </div>
      {problem ? <Alert>{problem}</Alert> : null}
    </article>
  );
}
