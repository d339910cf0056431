import { type FormEvent, type ReactNode, useEffect, useState } from 'react';

import { type Api, ApiError, errorText, fieldErrors } from '../api';
import { Alert, Status, TextField } from '../ui';
import { CandidateRecord } from './CandidateRecord';
import { FocusFirstError } from './FocusFirstError';
import { LIMITS } from './limits';
import type { Directory } from './queries';
import { SendPortalLink } from './Setup';

interface Person {
  id: string;
  name: string;
  email: string;
  archived?: boolean;
  legalHold?: boolean;
  erasedAt?: string | null;
}

type Kind = 'candidate' | 'interviewer';

const CANDIDATES = `query Candidates($search: String) { candidates(search: $search, first: 50) { totalCount nodes { id name email legalHold erasedAt } } }`;
const INTERVIEWERS = '{ interviewers(includeArchived: true) { id name email archived } }';
const ARCHIVE = 'mutation Archive($id: ID!) { archiveInterviewer(id: $id) { id } }';
const UNARCHIVE = 'mutation Unarchive($id: ID!) { unarchiveInterviewer(id: $id) { id } }';
const CANDIDATE_BY_EMAIL = 'query ByEmail($email: String!) { candidateByEmail(email: $email) { id name email } }';

const MUTATIONS = {
  add: {
    candidate: 'mutation AddCandidate($input: AddCandidateInput!) { addCandidate(input: $input) { id name email } }',
    interviewer: 'mutation AddInterviewer($input: AddInterviewerInput!) { addInterviewer(input: $input) { id name email } }',
  },
  update: {
    candidate: 'mutation UpdateCandidate($id: ID!, $input: UpdateCandidateInput!) { updateCandidate(id: $id, input: $input) { id } }',
    interviewer:
      'mutation UpdateInterviewer($id: ID!, $input: UpdateInterviewerInput!) { updateInterviewer(id: $id, input: $input) { id } }',
  },
};

/** Candidates and interviewers: find, add (warned of a duplicate), correct, and archive interviewers. */
export function People({ api, onChanged }: { api: Api; directory: Directory; onChanged(): void }): ReactNode {
  const [done, setDone] = useState<string | null>(null);
  const changed = (message: string) => {
    setDone(message);
    onChanged();
  };
  return (
    <div className="setup">
      <h1>People</h1>
      {done ? <Status tone="ok">{done}</Status> : null}
      <div className="two-col">
        <Candidates api={api} onChanged={changed} />
        <Interviewers api={api} onChanged={changed} />
      </div>
    </div>
  );
}

function Candidates({ api, onChanged }: { api: Api; onChanged(message: string): void }): ReactNode {
  const [search, setSearch] = useState('');
  const [list, setList] = useState<{ nodes: Person[]; totalCount: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api<{ candidates: { nodes: Person[]; totalCount: number } }>(CANDIDATES, { search: search.trim() || null })
        .then((data) => live && (setList(data.candidates), setProblem(null)))
        .catch((error: unknown) => live && setProblem(errorText(error)));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, search, version]);

  const changed = (message: string) => {
    setVersion((v) => v + 1);
    onChanged(message);
  };
  const openPerson = (person: Person) => {
    setSearch(person.email);
    setOpen(person.id);
  };

  return (
    <section aria-labelledby="candidate-title" className="setup-section">
      <h2 id="candidate-title">Candidates</h2>
      <AddPerson api={api} kind="candidate" onAdded={changed} onOpen={openPerson} existing={async (email) => findCandidate(api, email)} />
      <div className="field">
        <label htmlFor="candidate-search">Search candidates by name or email</label>
        <input id="candidate-search" type="search" value={search} maxLength={200} onChange={(event) => setSearch(event.target.value)} />
      </div>
      {problem ? <Alert>{problem}</Alert> : null}
      {list ? (
        <p className="hint" role="status">
          {list.totalCount === 0
            ? search.trim()
              ? 'No candidate matches.'
              : 'No candidates yet.'
            : `${list.totalCount} candidate${list.totalCount === 1 ? '' : 's'}${list.totalCount > list.nodes.length ? `, the newest ${list.nodes.length} shown` : ''}.`}
        </p>
      ) : null}
      <ul className="people">
        {(list?.nodes ?? []).map((person) => (
          <PersonRow
            key={person.id}
            api={api}
            kind="candidate"
            person={person}
            editing={open === person.id}
            onEdit={(editing) => setOpen(editing ? person.id : null)}
            onChanged={changed}
          >
            <SendPortalLink api={api} candidate={person} onChanged={changed} />
            <CandidateRecord api={api} candidate={person} onChanged={changed} />
          </PersonRow>
        ))}
      </ul>
    </section>
  );
}

function Interviewers({ api, onChanged }: { api: Api; onChanged(message: string): void }): ReactNode {
  const [list, setList] = useState<Person[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<{ interviewers: Person[] }>(INTERVIEWERS)
      .then((data) => live && (setList(data.interviewers), setProblem(null)))
      .catch((error: unknown) => live && setProblem(errorText(error)));
    return () => {
      live = false;
    };
  }, [api, version]);

  const changed = (message: string) => {
    setVersion((v) => v + 1);
    onChanged(message);
  };
  const archive = async (person: Person, archived: boolean) => {
    try {
      await api(archived ? ARCHIVE : UNARCHIVE, { id: person.id });
      changed(
        archived
          ? `Archived ${person.name}: no longer offered for new panels; their past sessions keep them.`
          : `${person.name} can be scheduled again.`,
      );
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  const active = (list ?? []).filter((p) => !p.archived);
  const archived = (list ?? []).filter((p) => p.archived);

  return (
    <section aria-labelledby="interviewer-title" className="setup-section">
      <h2 id="interviewer-title">Interviewers</h2>
      <AddPerson
        api={api}
        kind="interviewer"
        onAdded={changed}
        onOpen={(person) => setOpen(person.id)}
        existing={async (email) => (list ?? []).find((p) => p.email === email.trim().toLowerCase()) ?? null}
      />
      {problem ? <Alert>{problem}</Alert> : null}
      {list && list.length === 0 ? <p className="muted">None yet.</p> : null}
      <ul className="people">
        {active.map((person) => (
          <PersonRow
            key={person.id}
            api={api}
            kind="interviewer"
            person={person}
            editing={open === person.id}
            onEdit={(editing) => setOpen(editing ? person.id : null)}
            onChanged={changed}
          >
            <button type="button" className="button-link" onClick={() => void archive(person, true)}>
              Archive<span className="sr-only"> {person.name}</span>
            </button>
          </PersonRow>
        ))}
      </ul>
      {archived.length > 0 ? (
        <>
          <h3>Archived</h3>
          <p className="hint">Kept with their past sessions and answers; not offered when scheduling.</p>
          <ul className="people">
            {archived.map((person) => (
              <PersonRow
                key={person.id}
                api={api}
                kind="interviewer"
                person={person}
                editing={open === person.id}
                onEdit={(editing) => setOpen(editing ? person.id : null)}
                onChanged={changed}
              >
                <button type="button" className="button-link" onClick={() => void archive(person, false)}>
                  Bring back<span className="sr-only"> {person.name}</span>
                </button>
              </PersonRow>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

async function findCandidate(api: Api, email: string): Promise<Person | null> {
  return (await api<{ candidateByEmail: Person | null }>(CANDIDATE_BY_EMAIL, { email: email.trim() })).candidateByEmail;
}

function validate(name: string, email: string): Record<string, string> {
  const found: Record<string, string> = {};
  if (!name.trim()) found.name = 'Enter a name.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = 'Enter a valid email address.';
  return found;
}

function AddPerson(props: {
  api: Api;
  kind: Kind;
  onAdded(message: string): void;
  onOpen(person: Person): void;
  existing(email: string): Promise<Person | null>;
}): ReactNode {
  const { kind } = props;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<Person | null>(null);
  const [busy, setBusy] = useState(false);
  const what = kind === 'candidate' ? 'a candidate' : 'an interviewer';

  const add = async (allowDuplicate: boolean) => {
    const found = validate(name, email);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      if (!allowDuplicate) {
        const existing = await props.existing(email);
        if (existing) {
          setDuplicate(existing);
          return;
        }
      }
      await props.api(MUTATIONS.add[kind], { input: { name: name.trim(), email: email.trim() } });
      props.onAdded(`Added ${name.trim()}.`);
      setName('');
      setEmail('');
      setDuplicate(null);
    } catch (error) {
      const fields = fieldErrors(error);
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        const existing = await props.existing(email).catch(() => null);
        if (existing) setDuplicate(existing);
        else setErrors(fields);
      } else if (Object.keys(fields).length > 0) setErrors(fields);
      else setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add(false);
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={`Add ${what}`}>
      <FocusFirstError errors={errors} />
      <div className="form-grid">
        <TextField
          id={`${kind}-name`}
          label="Name"
          required
          value={name}
          error={errors.name}
          onChange={setName}
          autoComplete="off"
          maxLength={LIMITS.name}
        />
        <TextField
          id={`${kind}-email`}
          label="Email"
          type="email"
          required
          value={email}
          error={errors.email}
          onChange={(value) => {
            setEmail(value);
            setDuplicate(null);
          }}
          autoComplete="off"
          maxLength={LIMITS.email}
        />
      </div>
      {duplicate ? (
        <div className="notice notice-warn" role="alert">
          <p>
            {duplicate.name} ({duplicate.email}) is already {kind === 'candidate' ? 'a candidate' : 'an interviewer'} here.
          </p>
          <div className="actions">
            <button type="button" className="button button-secondary" onClick={() => props.onOpen(duplicate)}>
              Open {duplicate.name}
            </button>
            {kind === 'candidate' ? (
              <button type="button" className="button-link" onClick={() => void add(true)} disabled={busy}>
                Add another candidate with this email
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {problem ? <Alert>{problem}</Alert> : null}
      <button type="submit" className="button button-secondary" disabled={busy}>
        Add {kind}
      </button>
    </form>
  );
}

function PersonRow(props: {
  api: Api;
  kind: Kind;
  person: Person;
  editing: boolean;
  onEdit(editing: boolean): void;
  onChanged(message: string): void;
  children?: ReactNode;
}): ReactNode {
  const { person } = props;
  return (
    <li id={`person-${person.id}`} className={props.editing ? 'person-open' : undefined}>
      <span>
        {person.name} <span className="meta">{person.email}</span>
      </span>
      {props.editing ? (
        <EditPerson {...props} />
      ) : (
        <span className="row-actions">
          <button type="button" className="button-link" onClick={() => props.onEdit(true)}>
            Edit<span className="sr-only"> {person.name}</span>
          </button>
          {props.children}
        </span>
      )}
    </li>
  );
}

function EditPerson({ api, kind, person, onEdit, onChanged }: Parameters<typeof PersonRow>[0]): ReactNode {
  const [name, setName] = useState(person.name);
  const [email, setEmail] = useState(person.email);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `edit-${person.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(name, email);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      await api(MUTATIONS.update[kind], { id: person.id, input: { name: name.trim(), email: email.trim() } });
      onEdit(false);
      onChanged(`Saved ${name.trim()}.`);
    } catch (error) {
      const fields = fieldErrors(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel person-edit" onSubmit={submit} noValidate aria-label={`Edit ${person.name}`}>
      <FocusFirstError errors={errors} />
      <TextField id={`${id}-name`} label="Name" required value={name} error={errors.name} onChange={setName} maxLength={LIMITS.name} />
      <TextField
        id={`${id}-email`}
        label="Email"
        type="email"
        required
        value={email}
        error={errors.email}
        onChange={setEmail}
        maxLength={LIMITS.email}
      />
      {problem ? <Alert>{problem}</Alert> : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save
        </button>
        <button type="button" className="button-link" onClick={() => onEdit(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
