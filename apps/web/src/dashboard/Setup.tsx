import { type FormEvent, type ReactNode, useState } from 'react';

import { type Api, errorText } from '../api';
import { type AnswerPolicy, type CriterionKind, KIND_LABEL, WEIGHT_LABEL } from '../format';
import { Alert, FieldError, SubmitOrCancel, TextArea, TextField } from '../ui';
import { useSubmission } from '../useSubmission';
import { useConfirm } from './ConfirmDialog';
import { FocusFirstError } from './FocusFirstError';
import { LIMITS } from './limits';
import type { Directory, Role } from './queries';
import { SetupPage } from './SetupPage';

interface Props {
  api: Api;
  directory: Directory;
  onChanged(): void;
}

export function Setup({ api, directory, onChanged }: Props): ReactNode {
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  return (
    <SetupPage title="Roles" onChanged={onChanged}>
      {(changed) => (
        <section aria-labelledby="roles-title" className="setup-section">
          <div className="section-head">
            <h2 id="roles-title">Roles and their profiles</h2>
            {editing === null ? (
              <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
                New role
              </button>
            ) : null}
          </div>
          {editing !== null ? (
            <RoleEditor
              key={editing === 'new' ? 'new' : editing.id}
              api={api}
              role={editing === 'new' ? null : editing}
              onDone={(message) => {
                setEditing(null);
                changed(message);
              }}
              onCancel={() => setEditing(null)}
            />
          ) : null}
          {directory.roles.length === 0 ? <p className="muted">No roles yet. A role’s profile is what interviewers rate against.</p> : null}
          <ul className="cards">
            {directory.roles.map((role) => (
              <li key={role.id} className="card">
                <div className="section-head">
                  <h3>{role.title}</h3>
                  <button type="button" className="button button-small" onClick={() => setEditing(role)}>
                    Edit<span className="sr-only"> {role.title}</span>
                  </button>
                </div>
                <p className="meta">
                  {role.answerPolicy === 'AUTO_RELEASE'
                    ? 'Answers released automatically unless flagged'
                    : 'Every answer reviewed by a recruiter'}
                </p>
                <ul className="criteria-list">
                  {role.criteria.map((c) => (
                    <li key={c.id}>
                      {c.label} <span className="kind">{KIND_LABEL[c.kind]}</span> <span className="meta">weight {c.weight}</span>
                    </li>
                  ))}
                </ul>
                {role.nextSteps ? <p className="hint">Next steps: {role.nextSteps}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      )}
    </SetupPage>
  );
}

interface CriterionDraft {
  key: number;
  label: string;
  description: string;
  kind: CriterionKind;
  weight: number;
}

let nextKey = 1;
const blankCriterion = (): CriterionDraft => ({ key: nextKey++, label: '', description: '', kind: 'SKILL', weight: 3 });

function RoleEditor(props: { api: Api; role: Role | null; onDone(message: string): void; onCancel(): void }): ReactNode {
  const { role } = props;
  const [title, setTitle] = useState(role?.title ?? '');
  const [policy, setPolicy] = useState<AnswerPolicy>(role?.answerPolicy ?? 'AUTO_RELEASE');
  const [nextSteps, setNextSteps] = useState(role?.nextSteps ?? '');
  const [criteria, setCriteria] = useState<CriterionDraft[]>(() =>
    role
      ? role.criteria.map((c) => ({ key: nextKey++, label: c.label, description: c.description ?? '', kind: c.kind, weight: c.weight }))
      : [blankCriterion()],
  );
  const { busy, problem, errors, setErrors, run } = useSubmission();

  const change = (index: number, patch: Partial<CriterionDraft>) =>
    setCriteria(criteria.map((c, i) => (i === index ? { ...c, ...patch } : c)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = 'Give the role a title.';
    if (criteria.length === 0) found.criteria = 'Add at least one criterion to the profile.';
    criteria.forEach((c, index) => {
      if (!c.label.trim()) found[`criteria.${index}.label`] = 'Name the criterion.';
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input = {
      title: title.trim(),
      answerPolicy: policy,
      nextSteps: nextSteps.trim() || null,
      criteria: criteria.map((c) => ({ label: c.label.trim(), description: c.description.trim() || null, kind: c.kind, weight: c.weight })),
    };
    await run(async () => {
      if (role) {
        await props.api(
          'mutation UpdateRole($id: ID!, $input: UpdateRoleProfileInput!) { updateRoleProfile(id: $id, input: $input) { id } }',
          {
            id: role.id,
            input,
          },
        );
        props.onDone(`Saved “${input.title}”. Past ratings keep pointing at the criteria they rated.`);
      } else {
        await props.api('mutation CreateRole($input: CreateRoleInput!) { createRole(input: $input) { id } }', { input });
        props.onDone(`Created the role “${input.title}”.`);
      }
    });
  };

  return (
    <form className="panel role-editor" onSubmit={submit} noValidate aria-labelledby="role-editor-title">
      <h3 id="role-editor-title">{role ? `Edit “${role.title}”` : 'New role'}</h3>
      <FocusFirstError errors={errors} />
      <TextField id="role-title" label="Title" required value={title} error={errors.title} onChange={setTitle} maxLength={LIMITS.title} />
      <fieldset className="checks">
        <legend>When an answer is composed</legend>
        <label className="check">
          <input type="radio" name="policy" checked={policy === 'AUTO_RELEASE'} onChange={() => setPolicy('AUTO_RELEASE')} />
          <span>Release it to the candidate at once (a flagged wording still waits for review)</span>
        </label>
        <label className="check">
          <input type="radio" name="policy" checked={policy === 'RECRUITER_REVIEW'} onChange={() => setPolicy('RECRUITER_REVIEW')} />
          <span>A recruiter reviews every answer first</span>
        </label>
      </fieldset>
      <TextArea
        id="role-next-steps"
        label="Next steps told to candidates"
        rows={2}
        value={nextSteps}
        error={errors.nextSteps}
        onChange={setNextSteps}
        maxLength={LIMITS.nextSteps}
        counter
      />
      <h4>Profile</h4>
      <p className="hint">What the team is looking for. Interviewers rate each criterion from 1 (not yet evident) to 4 (exceeds).</p>
      {errors.criteria ? <FieldError id="criteria-error" message={errors.criteria} /> : null}
      {criteria.map((c, index) => (
        <fieldset key={c.key} className="criterion-edit">
          <legend>Criterion {index + 1}</legend>
          <div className="form-grid">
            <TextField
              id={`criterion-${index}-label`}
              label="Label"
              required
              value={c.label}
              error={errors[`criteria.${index}.label`]}
              onChange={(value) => change(index, { label: value })}
              maxLength={LIMITS.criterionLabel}
            />
            <div className="field">
              <label htmlFor={`criterion-${index}-kind`}>Kind</label>
              <select
                id={`criterion-${index}-kind`}
                value={c.kind}
                onChange={(event) => change(index, { kind: event.target.value as CriterionKind })}
              >
                {(Object.keys(KIND_LABEL) as CriterionKind[]).map((kind) => (
                  <option key={kind} value={kind}>
                    {KIND_LABEL[kind]}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${errors[`criteria.${index}.weight`] ? ' field-invalid' : ''}`}>
              <label htmlFor={`criterion-${index}-weight`}>Weight</label>
              <select
                id={`criterion-${index}-weight`}
                value={c.weight}
                onChange={(event) => change(index, { weight: Number(event.target.value) })}
              >
                {[1, 2, 3, 4, 5].map((w) => (
                  <option key={w} value={w}>
                    {WEIGHT_LABEL[w]}
                  </option>
                ))}
              </select>
              <FieldError id={`criterion-${index}-weight-error`} message={errors[`criteria.${index}.weight`]} />
            </div>
          </div>
          <TextField
            id={`criterion-${index}-description`}
            label="Description"
            value={c.description}
            error={errors[`criteria.${index}.description`]}
            onChange={(value) => change(index, { description: value })}
            maxLength={LIMITS.description}
          />
          <button type="button" className="button-link" onClick={() => setCriteria(criteria.filter((_, i) => i !== index))}>
            Remove criterion {index + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" className="button button-secondary" onClick={() => setCriteria([...criteria, blankCriterion()])}>
        Add a criterion
      </button>
      {problem ? <Alert>{problem}</Alert> : null}
      <SubmitOrCancel label={role ? 'Save role' : 'Create role'} busy={busy} onCancel={props.onCancel} />
    </form>
  );
}

interface PersonRow {
  id: string;
  name: string;
  email: string;
}

/** Used on the People page. */
export function SendPortalLink({
  api,
  candidate,
  onChanged,
}: {
  api: Api;
  candidate: PersonRow;
  onChanged(message: string): void;
}): ReactNode {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmation, confirm] = useConfirm();
  const send = async () => {
    const sure = await confirm({
      title: `Send ${candidate.name} a new portal link?`,
      consequence: `${candidate.name} is emailed a fresh link to their page; every link they had before stops working.`,
      confirmLabel: 'Send the new link',
      dismissLabel: 'Keep the current link',
    });
    if (!sure) return;
    setBusy(true);
    setProblem(null);
    try {
      await api('mutation SendPortal($id: ID!) { sendCandidatePortalLink(candidateId: $id) }', { id: candidate.id });
      onChanged(`Emailed ${candidate.name} a fresh portal link; older links stop working.`);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {confirmation}
      <button type="button" className="button-link" onClick={send} disabled={busy}>
        Send a new portal link<span className="sr-only"> to {candidate.name}</span>
      </button>
      {problem ? <Alert>{problem}</Alert> : null}
    </>
  );
}
