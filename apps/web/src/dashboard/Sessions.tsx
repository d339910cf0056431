import { type FormEvent, type ReactNode, useState } from 'react';

import { type Api, errorText, fieldErrors } from '../api';
import { ANSWER_STATUS_LABEL, FORM_STATUS_LABEL, formatDateTime, SESSION_STATUS_LABEL } from '../format';
import { ACTIONS, Alert, FieldError, SelectField, Status, SubmitOrCancel, Table, TextField } from '../ui';
import { useSubmission } from '../useSubmission';
import { useConfirm } from './ConfirmDialog';
import { FocusFirstError } from './FocusFirstError';
import { LIMITS } from './limits';
import { Link } from './places';
import type { Directory, Session } from './queries';

interface Props {
  api: Api;
  sessions: { data: Session[] | null; error: string | null; loading: boolean };
  directory: Directory | null;
  onChanged(): void;
  filters: ReactNode;
}

export function Sessions({ api, sessions, directory, onChanged, filters }: Props): ReactNode {
  const [scheduling, setScheduling] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmation, confirm] = useConfirm();

  const act = async (key: string, mutation: string, variables: Record<string, unknown>, message: string) => {
    setBusy(key);
    setProblem(null);
    try {
      await api(mutation, variables);
      setDone(message);
      onChanged();
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="sessions">
      {confirmation}
      <div className="section-head">
        <h1>Sessions</h1>
        <button type="button" className="button button-primary" aria-expanded={scheduling} onClick={() => setScheduling(!scheduling)}>
          Schedule a session
        </button>
      </div>
      {filters}
      {scheduling && directory ? (
        <ScheduleForm
          api={api}
          directory={directory}
          onDone={(message) => {
            setScheduling(false);
            setDone(message);
            onChanged();
          }}
          onCancel={() => setScheduling(false)}
        />
      ) : null}
      {done ? <Status tone="ok">{done}</Status> : null}
      {problem ? <Alert>{problem}</Alert> : null}
      {!sessions.data ? (
        sessions.error ? (
          <Alert>{sessions.error}</Alert>
        ) : (
          <Status>Loading sessions…</Status>
        )
      ) : sessions.data.length === 0 ? (
        <p className="muted">No sessions yet. Schedule one to invite the candidate to their portal.</p>
      ) : (
        <Table
          caption="Interview sessions, newest first"
          columns={['Candidate', 'Session', 'When', 'Status', 'Asked', 'Forms', 'Answer', ACTIONS]}
          scroll
        >
          {sessions.data.map((session) => (
            <tr key={session.id} data-testid={`session-${session.id}`}>
              <th scope="row">{session.candidate.name}</th>
              <td>
                <Link to={`/dashboard/sessions/${session.id}`}>{session.title}</Link>
                <span className="cell-note">{session.role.title}</span>
              </td>
              <td>
                {formatDateTime(session.startsAt)}
                {session.feedbackDueAt ? <span className="cell-note">feedback due {formatDateTime(session.feedbackDueAt)}</span> : null}
              </td>
              <td>{SESSION_STATUS_LABEL[session.status]}</td>
              <td>{session.fitFeedbackRequested ? 'Yes' : 'No'}</td>
              <td>
                {session.forms.length === 0 ? (
                  <span className="muted">{session.status === 'SCHEDULED' ? 'sent when it ends' : '—'}</span>
                ) : (
                  <ul className="chips">
                    {session.forms.map((form) => (
                      <li key={form.id} className={`chip status-${form.status.toLowerCase()}`}>
                        {form.interviewer.name}: {formLabel(session, form.status)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{answerLabel(session)}</td>
              <td>
                <div className="row-actions">
                  {session.status === 'SCHEDULED' ? (
                    <>
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy !== null || Date.parse(session.startsAt) > Date.now()}
                        title={Date.parse(session.startsAt) > Date.now() ? 'It can be completed once it has started' : undefined}
                        onClick={() =>
                          act(
                            `complete-${session.id}`,
                            'mutation Complete($id: ID!) { completeSession(id: $id) { id status } }',
                            { id: session.id },
                            `Completed ${session.candidate.name}’s session: the panel’s forms are on their way.`,
                          )
                        }
                      >
                        Complete<span className="sr-only"> {session.candidate.name}’s session</span>
                      </button>
                      <button
                        type="button"
                        className="button-link"
                        disabled={busy !== null}
                        onClick={async () => {
                          const sure = await confirm({
                            title: `Cancel ${session.candidate.name}’s session?`,
                            consequence: `${session.candidate.name} is emailed that the interview is cancelled, and no interviewer will be sent a form or a reminder. This cannot be undone.`,
                            confirmLabel: 'Cancel the session',
                            dismissLabel: 'Keep the session',
                            destructive: true,
                          });
                          if (sure)
                            await act(
                              `cancel-${session.id}`,
                              'mutation Cancel($id: ID!) { cancelSession(id: $id) { id status } }',
                              { id: session.id },
                              `Cancelled ${session.candidate.name}’s session; they are being emailed.`,
                            );
                        }}
                      >
                        Cancel<span className="sr-only"> {session.candidate.name}’s session</span>
                      </button>
                    </>
                  ) : null}
                  {session.status !== 'CANCELLED' && !session.fitFeedbackRequested ? (
                    <button
                      type="button"
                      className="button-link"
                      disabled={busy !== null}
                      onClick={() =>
                        act(
                          `asked-${session.id}`,
                          'mutation Asked($id: ID!) { recordFitFeedbackRequest(sessionId: $id) { id } }',
                          { id: session.id },
                          `Recorded that ${session.candidate.name} asked how well they fit.`,
                        )
                      }
                    >
                      Record that {session.candidate.name} asked
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}

/**
 * An answer needs `minResponses` responses (capped at the panel size): a smaller panel must answer
 * in full, or the candidate's answer is withheld. Said before scheduling, not after.
 */
function SmallPanelWarning({ panelSize, minResponses }: { panelSize: number; minResponses: number | undefined }): ReactNode {
  if (minResponses === undefined || panelSize === 0 || panelSize >= minResponses) return null;
  return (
    <p className="warning" role="status" data-testid="small-panel-warning">
      Your organization composes an answer from at least {minResponses} responses. With {panelSize}{' '}
      {panelSize === 1 ? 'interviewer' : 'interviewers'}, every one of them must answer, or the candidate gets no answer.
    </p>
  );
}

/** Labels that fit the session's state: nothing is "queued" before the interview or after a cancellation. */
function formLabel(session: Session, status: Session['forms'][number]['status']): string {
  if (session.status === 'CANCELLED') return 'cancelled';
  if (session.status === 'SCHEDULED') return 'not sent yet — after the interview';
  return FORM_STATUS_LABEL[status];
}

function answerLabel(session: Session): ReactNode {
  if (session.status === 'CANCELLED') return 'cancelled';
  if (session.status === 'SCHEDULED') return <span className="muted">after the interview</span>;
  return session.answer ? ANSWER_STATUS_LABEL[session.answer.status] : <span className="muted">—</span>;
}

function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The server's field paths by the form's field they belong to (`interviewerIds.2` to `interviewerIds`). */
function byInputField(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) fields[field.split('.')[0]] ??= message;
  return fields;
}

function ScheduleForm(props: { api: Api; directory: Directory; onDone(message: string): void; onCancel(): void }): ReactNode {
  const { directory } = props;
  const nextHour = new Date();
  nextHour.setMinutes(0, 0, 0);
  nextHour.setHours(nextHour.getHours() + 1);
  const [candidateId, setCandidateId] = useState('');
  const [roleId, setRoleId] = useState('');
  const [panel, setPanel] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState(localInput(nextHour));
  const [endsAt, setEndsAt] = useState(localInput(new Date(nextHour.getTime() + 3_600_000)));
  const { busy, problem, errors, setErrors, run } = useSubmission(byInputField);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!candidateId) found.candidateId = 'Choose the candidate.';
    if (!roleId) found.roleId = 'Choose the role.';
    if (panel.length === 0) found.interviewerIds = 'Choose at least one interviewer.';
    if (!title.trim()) found.title = 'Give the session a title.';
    if (!startsAt) found.startsAt = 'Choose when it starts.';
    if (!endsAt) found.endsAt = 'Choose when it ends.';
    else if (startsAt && new Date(endsAt) <= new Date(startsAt)) found.endsAt = 'It must end after it starts.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await props.api('mutation Schedule($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }', {
        input: {
          candidateId,
          roleId,
          interviewerIds: panel,
          title: title.trim(),
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(endsAt).toISOString(),
        },
      });
      const candidate = directory.candidates.nodes.find((c) => c.id === candidateId);
      props.onDone(`Scheduled the session. ${candidate?.name ?? 'The candidate'} is emailed a link to their portal.`);
    });
  };

  return (
    <form className="panel schedule" onSubmit={submit} noValidate aria-labelledby="schedule-title">
      <h2 id="schedule-title">Schedule a session</h2>
      <FocusFirstError errors={errors} />
      <div className="form-grid">
        <SelectField id="schedule-candidate" label="Candidate" value={candidateId} error={errors.candidateId} onChange={setCandidateId}>
          <option value="">Choose…</option>
          {directory.candidates.nodes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.email})
            </option>
          ))}
        </SelectField>
        <SelectField
          id="schedule-role"
          label="Role"
          value={roleId}
          error={errors.roleId}
          onChange={(value) => {
            setRoleId(value);
            const role = directory.roles.find((r) => r.id === value);
            if (role && !title.trim()) setTitle(`${role.title}: interview`);
          }}
        >
          <option value="">Choose…</option>
          {directory.roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </SelectField>
        <TextField
          id="schedule-title-input"
          label="Title"
          required
          value={title}
          error={errors.title}
          onChange={setTitle}
          maxLength={LIMITS.title}
        />
        <TextField
          id="schedule-starts"
          label="Start time"
          type="datetime-local"
          required
          value={startsAt}
          error={errors.startsAt}
          onChange={setStartsAt}
        />
        <TextField
          id="schedule-ends"
          label="End time"
          type="datetime-local"
          required
          value={endsAt}
          error={errors.endsAt}
          onChange={setEndsAt}
        />
      </div>
      <fieldset
        className={`checks${errors.interviewerIds ? ' field-invalid' : ''}`}
        aria-describedby={errors.interviewerIds ? 'panel-error' : undefined}
      >
        <legend>Interview panel</legend>
        {directory.interviewers.length === 0 ? <p className="muted">Add interviewers under “People” first.</p> : null}
        {directory.interviewers.map((i) => (
          <label key={i.id} className="check">
            <input
              type="checkbox"
              checked={panel.includes(i.id)}
              onChange={(event) => setPanel(event.target.checked ? [...panel, i.id] : panel.filter((id) => id !== i.id))}
            />
            <span>{i.name}</span>
          </label>
        ))}
        <FieldError id="panel-error" message={errors.interviewerIds} />
        <SmallPanelWarning panelSize={panel.length} minResponses={directory.me.organization.minResponsesForAnswer} />
      </fieldset>
      {problem ? <Alert>{problem}</Alert> : null}
      <SubmitOrCancel label="Schedule and invite the candidate" busy={busy} onCancel={props.onCancel} />
    </form>
  );
}
