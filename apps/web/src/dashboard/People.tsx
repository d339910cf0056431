import { type ReactNode, useEffect, useState } from 'react';

import { type Api, ApiError, errorText } from '../api';
import { Alert, SubmitOrCancel } from '../ui';
import { CandidateRecord } from './CandidateRecord';
import { PersonEditForm, type PersonInput } from './PersonEditForm';
import type { Directory } from './queries';
import { SendPortalLink } from './Setup';
import { SetupPage } from './SetupPage';

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
  return (
    <SetupPage title="People" onChanged={onChanged}>
      {(changed) => (
        <div className="two-col">
          <Candidates api={api} onChanged={changed} />
          <Interviewers api={api} onChanged={changed} />
        </div>
      )}
    </SetupPage>
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
          <PersonRow key={person.id} api={api} kind="candidate" person={person} open={open} onOpen={setOpen} onChanged={changed}>
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

  const rows = (people: Person[], inArchive: boolean) =>
    people.map((person) => (
      <PersonRow key={person.id} api={api} kind="interviewer" person={person} open={open} onOpen={setOpen} onChanged={changed}>
        <button type="button" className="button-link" onClick={() => void archive(person, !inArchive)}>
          {inArchive ? 'Bring back' : 'Archive'}
          <span className="sr-only"> {person.name}</span>
        </button>
      </PersonRow>
    ));

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
      <ul className="people">{rows(active, false)}</ul>
      {archived.length > 0 ? (
        <>
          <h3>Archived</h3>
          <p className="hint">Kept with their past sessions and answers; not offered when scheduling.</p>
          <ul className="people">{rows(archived, true)}</ul>
        </>
      ) : null}
    </section>
  );
}

async function findCandidate(api: Api, email: string): Promise<Person | null> {
  return (await api<{ candidateByEmail: Person | null }>(CANDIDATE_BY_EMAIL, { email: email.trim() })).candidateByEmail;
}

function AddPerson(props: {
  api: Api;
  kind: Kind;
  onAdded(message: string): void;
  onOpen(person: Person): void;
  existing(email: string): Promise<Person | null>;
}): ReactNode {
  const { kind } = props;
  const [duplicate, setDuplicate] = useState<Person | null>(null);
  const what = kind === 'candidate' ? 'a candidate' : 'an interviewer';

  const save = async (person: PersonInput, anyway: boolean) => {
    if (!anyway) {
      const existing = await props.existing(person.email);
      if (existing) {
        setDuplicate(existing);
        return false;
      }
    }
    try {
      await props.api(MUTATIONS.add[kind], { input: person });
    } catch (error) {
      const existing = error instanceof ApiError && error.code === 'CONFLICT' ? await props.existing(person.email).catch(() => null) : null;
      if (!existing) throw error;
      setDuplicate(existing);
      return false;
    }
    props.onAdded(`Added ${person.name}.`);
    setDuplicate(null);
    return true;
  };

  return (
    <PersonEditForm
      id={kind}
      label={`Add ${what}`}
      className="panel"
      sideBySide
      autoComplete="off"
      emptyOnSave
      onEmailChange={() => setDuplicate(null)}
      save={save}
      notice={(saveAnyway, busy) =>
        duplicate ? (
          <div className="notice notice-warn" role="alert">
            <p>
              {duplicate.name} ({duplicate.email}) is already {what} here.
            </p>
            <div className="actions">
              <button type="button" className="button button-secondary" onClick={() => props.onOpen(duplicate)}>
                Open {duplicate.name}
              </button>
              {kind === 'candidate' ? (
                <button type="button" className="button-link" onClick={saveAnyway} disabled={busy}>
                  Add another candidate with this email
                </button>
              ) : null}
            </div>
          </div>
        ) : null
      }
      actions={(busy) => (
        <button type="submit" className="button button-secondary" disabled={busy}>
          Add {kind}
        </button>
      )}
    />
  );
}

interface RowProps {
  api: Api;
  kind: Kind;
  person: Person;
  /** The person whose edit form is open, if any. */
  open: string | null;
  onOpen(id: string | null): void;
  onChanged(message: string): void;
  children?: ReactNode;
}

function PersonRow(props: RowProps): ReactNode {
  const { person } = props;
  const editing = props.open === person.id;
  return (
    <li id={`person-${person.id}`} className={editing ? 'person-open' : undefined}>
      <span>
        {person.name} <span className="meta">{person.email}</span>
      </span>
      {editing ? (
        <EditPerson {...props} />
      ) : (
        <span className="row-actions">
          <button type="button" className="button-link" onClick={() => props.onOpen(person.id)}>
            Edit<span className="sr-only"> {person.name}</span>
          </button>
          {props.children}
        </span>
      )}
    </li>
  );
}

function EditPerson({ api, kind, person, onOpen, onChanged }: RowProps): ReactNode {
  return (
    <PersonEditForm
      id={`edit-${person.id}`}
      label={`Edit ${person.name}`}
      className="panel person-edit"
      initial={person}
      save={async (input) => {
        await api(MUTATIONS.update[kind], { id: person.id, input });
        onOpen(null);
        onChanged(`Saved ${input.name}.`);
        return true;
      }}
      actions={(busy) => <SubmitOrCancel label="Save" busy={busy} onCancel={() => onOpen(null)} />}
    />
  );
}
