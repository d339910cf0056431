import { type FormEvent, type ReactNode, startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { type Api, ApiError, errorText, graphql } from '../api';
import { closeSession, currentSignIn, openSession, type SignIn as SignInState } from '../auth';
import { Alert, Brand, FieldError, Loading, Status } from '../ui';
import { Integrations } from './Integrations';
import { NotAPlace, Settings } from './MorePlaces';
import { Overview } from './Overview';
import { People } from './People';
import { Link, type Place, usePlace } from './places';
import { DIRECTORY, type Directory, type Session, SESSIONS, SESSIONS_MAX_PAGES, type Tiles } from './queries';
import { Review } from './Review';
import { SessionPage } from './SessionPage';
import { Sessions } from './Sessions';
import { Setup } from './Setup';
import { type Filters, type Loaded, NO_FILTERS, requestFirstTiles, useFigures } from './useFigures';

const TABS: { place: Place['name']; path: string; label: string }[] = [
  { place: 'overview', path: '/dashboard', label: 'Overview' },
  { place: 'attention', path: '/dashboard/attention', label: 'Needs attention' },
  { place: 'sessions', path: '/dashboard/sessions', label: 'Sessions' },
  { place: 'people', path: '/dashboard/people', label: 'People' },
  { place: 'roles', path: '/dashboard/roles', label: 'Roles' },
  { place: 'integrations', path: '/dashboard/integrations', label: 'Integrations' },
  { place: 'settings', path: '/dashboard/settings', label: 'Settings' },
];

export function DashboardPage({ signInToken }: { signInToken: string | null }): ReactNode {
  // null while finding out whether this browser is signed in
  const [signIn, setSignIn] = useState<SignInState | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [firstTiles, setFirstTiles] = useState<Promise<Tiles> | null>(null);

  const check = useCallback(async () => {
    try {
      const state = await currentSignIn();
      // the dashboard's first render is the page's largest: in a transition, React renders it in
      // slices that leave the main thread free in between instead of one long task
      startTransition(() => setSignIn(state));
    } catch (error) {
      setNotice(error instanceof Error ? error.message : 'Something went wrong. Please try again.');
      setSignIn({ signedIn: false, queues: 'none' });
    }
  }, []);

  useEffect(() => {
    // a #token= link signs in (replacing any session); otherwise a session of this browser, if any, holds
    if (!signInToken) {
      setFirstTiles(requestFirstTiles(Promise.resolve()));
      void check();
      return;
    }
    const opened = openSession(signInToken);
    setFirstTiles(requestFirstTiles(opened));
    opened.then(check).catch((error: unknown) => {
      setNotice(error instanceof Error ? error.message : 'Signing in failed. Please try again.');
      setSignIn({ signedIn: false, queues: 'none' });
    });
  }, [signInToken, check]);

  const signOut = useCallback((why: string | null) => {
    void closeSession();
    setSignIn({ signedIn: false, queues: 'none' });
    setNotice(why);
  }, []);

  if (signIn === null) return <Loading label="Opening the dashboard…" />;
  if (!signIn.signedIn) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={() => {
          setNotice(null);
          void check();
        }}
      />
    );
  }
  return <Dashboard onSignOut={signOut} operator={signIn.queues !== 'none'} firstTiles={firstTiles} />;
}

function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn(): void }): ReactNode {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const token = value.trim().replace(/^Bearer\s+/i, '');
    if (!token) {
      setProblem('Paste your access token.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await openSession(token);
      onSignedIn();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'Signing in failed. Please try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Brand />
      <main className="page page-narrow" id="main">
        <h1>Sign in to the closing-feedback dashboard</h1>
        {notice ? <Alert>{notice}</Alert> : null}
        <p>
          Open the dashboard link your identity provider (or <code>npm start</code>) gave you: it ends in <code>#token=…</code> and signs
          you in for this browser until the token expires or you sign out. Or paste the token here.
        </p>
        <form onSubmit={submit} className="panel" noValidate>
          <div className={`field${problem ? ' field-invalid' : ''}`}>
            <label htmlFor="token">Access token</label>
            <input
              id="token"
              type="password"
              autoComplete="off"
              value={value}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'token-error' : undefined}
              onChange={(event) => setValue(event.target.value)}
            />
            <FieldError id="token-error" message={problem ?? undefined} />
          </div>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              Sign in
            </button>
          </div>
        </form>
      </main>
    </>
  );
}

function Dashboard(props: { onSignOut(why: string | null): void; operator: boolean; firstTiles: Promise<Tiles> | null }): ReactNode {
  const { onSignOut, operator } = props;
  const place = usePlace();
  useFocusOnNavigation(place);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [directory, setDirectory] = useState<Loaded<Directory>>({ data: null, error: null, loading: true });
  const [sessions, setSessions] = useState<Loaded<Session[]>>({ data: null, error: null, loading: true });
  const [version, setVersion] = useState(0);

  const api: Api = useCallback(
    async <T,>(query: string, variables: Record<string, unknown> = {}) => {
      try {
        return await graphql<T>(query, variables, true);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
          onSignOut('Your sign-in has expired or is not valid. Open the dashboard link again to sign in.');
        }
        throw error;
      }
    },
    [onSignOut],
  );

  /** Everything shown depends on the data: after any change, read it again. */
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  // forms go out and answers arrive in the background: keep an open dashboard current
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, 60_000);
    return () => clearInterval(timer);
  }, [refresh]);

  useEffect(() => {
    let live = true;
    api<Directory>(DIRECTORY)
      .then((data) => live && startTransition(() => setDirectory({ data, error: null, loading: false })))
      .catch((error: unknown) => live && setDirectory((d) => ({ ...d, error: errorText(error), loading: false })));
    return () => {
      live = false;
    };
  }, [api, version]);

  const { stats, tiles } = useFigures(api, filters, version, props.firstTiles);

  useEffect(() => {
    let live = true;
    setSessions((s) => ({ ...s, loading: true }));
    loadSessions(api, filters.roleId || null)
      .then((data) => live && startTransition(() => setSessions({ data, error: null, loading: false })))
      .catch((error: unknown) => live && setSessions((s) => ({ ...s, error: errorText(error), loading: false })));
    return () => {
      live = false;
    };
  }, [api, version, filters.roleId]);

  const attention = useMemo(() => {
    const list = sessions.data ?? [];
    const review = list.filter((s) => s.answer?.status === 'AWAITING_REVIEW').length;
    // as Needs attention lists them: a cancelled session's forms ended with it, nothing to do there
    const completed = list.filter((s) => s.status === 'COMPLETED');
    const withheld = completed.filter((s) => s.answer?.status === 'WITHHELD').length;
    const failed = completed.flatMap((s) => s.forms).filter((f) => f.status === 'FAILED' || f.status === 'EXPIRED').length;
    return review + withheld + failed;
  }, [sessions.data]);

  const me = directory.data?.me;
  const roles = directory.data?.roles ?? [];
  const [queuesRefused, setQueuesRefused] = useState<string | null>(null);
  const openQueues = () => {
    setQueuesRefused(null);
    openQueueDashboard().catch((error: unknown) => setQueuesRefused(error instanceof Error ? error.message : errorText(error)));
  };

  return (
    <div className="dashboard">
      <Brand className="brand-bar-dashboard">
        <span className="who">
          {/* in place (empty) before the directory says who is signed in: the buttons beside it stay put */}
          <span className="who-name">{me ? `${me.name} · ${me.organization.name}` : null}</span>
          {operator ? (
            <button type="button" className="button-link on-dark" onClick={openQueues}>
              Queues
            </button>
          ) : null}
          <button type="button" className="button-link on-dark" onClick={() => onSignOut('You signed out.')}>
            Sign out
          </button>
        </span>
      </Brand>
      <nav className="tabs" aria-label="Dashboard sections">
        {TABS.filter((t) => t.place !== 'integrations' || me?.role === 'admin').map((t) => (
          <Link
            key={t.place}
            to={t.path}
            className="tab"
            current={place.name === t.place || (t.place === 'sessions' && place.name === 'session')}
          >
            {t.label}
            {t.place === 'attention' && attention > 0 ? <span className="badge"> {attention}</span> : null}
          </Link>
        ))}
        <button type="button" className="tab tab-refresh" onClick={refresh} disabled={sessions.loading || stats.loading}>
          Refresh
        </button>
      </nav>
      <main className="page page-wide" id="main" tabIndex={-1}>
        {directory.error && !directory.data ? <Alert>{directory.error}</Alert> : null}
        {queuesRefused ? <Alert>{queuesRefused}</Alert> : null}
        {place.name === 'overview' ? (
          <Overview stats={stats} tiles={tiles} filters={<FilterBar filters={filters} roles={roles} onChange={setFilters} showDates />} />
        ) : null}
        {place.name === 'attention' ? (
          <Review api={api} sessions={sessions} interviewers={directory.data?.interviewers} onChanged={refresh} />
        ) : null}
        {place.name === 'sessions' ? (
          <Sessions
            api={api}
            sessions={sessions}
            directory={directory.data}
            onChanged={refresh}
            filters={<FilterBar filters={filters} roles={roles} onChange={setFilters} showDates={false} />}
          />
        ) : null}
        {place.name === 'session' ? (
          <SessionPage key={place.id} api={api} id={place.id} directory={directory.data} version={version} onChanged={refresh} />
        ) : null}
        {place.name === 'people' ? (
          directory.data ? (
            <People api={api} directory={directory.data} onChanged={refresh} />
          ) : (
            <Status>Loading people…</Status>
          )
        ) : null}
        {place.name === 'roles' ? (
          directory.data ? (
            <Setup api={api} directory={directory.data} onChanged={refresh} />
          ) : (
            <Status>Loading roles…</Status>
          )
        ) : null}
        {place.name === 'integrations' ? (
          !me ? (
            <Status>Loading…</Status>
          ) : me.role === 'admin' ? (
            <Integrations api={api} />
          ) : (
            <NotAPlace />
          )
        ) : null}
        {place.name === 'settings' ? <Settings api={api} directory={directory.data} onChanged={refresh} /> : null}
        {place.name === 'unknown' ? <NotAPlace /> : null}
      </main>
    </div>
  );
}

function FilterBar(props: {
  filters: Filters;
  roles: { id: string; title: string }[];
  onChange(filters: Filters): void;
  showDates: boolean;
}): ReactNode {
  const { filters, onChange } = props;
  return (
    <form className="filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      <div className="field field-inline">
        <label htmlFor="filter-role">Role</label>
        <select id="filter-role" value={filters.roleId} onChange={(event) => onChange({ ...filters, roleId: event.target.value })}>
          <option value="">All roles</option>
          {props.roles.map((role) => (
            <option key={role.id} value={role.id}>
              {role.title}
            </option>
          ))}
        </select>
      </div>
      {props.showDates ? (
        <>
          <div className="field field-inline">
            <label htmlFor="filter-from">Completed from</label>
            <input
              id="filter-from"
              type="date"
              value={filters.from}
              onChange={(event) => onChange({ ...filters, from: event.target.value })}
            />
          </div>
          <div className="field field-inline">
            <label htmlFor="filter-to">to</label>
            <input id="filter-to" type="date" value={filters.to} onChange={(event) => onChange({ ...filters, to: event.target.value })} />
          </div>
          {filters.from || filters.to ? (
            <button type="button" className="button-link" onClick={() => onChange({ ...filters, from: '', to: '' })}>
              Last 90 days
            </button>
          ) : (
            <span className="hint">Default: the last 90 days</span>
          )}
        </>
      ) : null}
    </form>
  );
}

interface SessionsPage {
  sessions: { nodes: Session[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/** The newest sessions, page by page (at most SESSIONS_MAX_PAGES pages). */
async function loadSessions(api: Api, roleId: string | null): Promise<Session[]> {
  const nodes: Session[] = [];
  let after: string | null = null;
  for (let page = 0; page < SESSIONS_MAX_PAGES; page++) {
    const data: SessionsPage = await api<SessionsPage>(SESSIONS, { filter: roleId ? { roleId } : null, after });
    nodes.push(...data.sessions.nodes);
    if (!data.sessions.pageInfo.hasNextPage || !data.sessions.pageInfo.endCursor) break;
    after = data.sessions.pageInfo.endCursor;
  }
  return nodes;
}

/**
 * A new place is a new page to assistive technology and to the eye: move focus to its content,
 * from the top (not on the first render: the browser's own focus handling holds then).
 */
function useFocusOnNavigation(place: Place): void {
  const key = place.name === 'session' ? `session:${place.id}` : place.name;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [key]);
}

/**
 * The queue dashboard keeps its own, shorter session: open it from this sign-in's cookie, then
 * go there. Operators only (the gateway says who).
 */
async function openQueueDashboard(): Promise<void> {
  const response = await fetch('/admin/queues/session', { method: 'POST' });
  if (response.status === 204) {
    location.assign('/admin/queues/');
    return;
  }
  throw new Error(
    response.status === 404 || response.status === 403
      ? 'The queue dashboard is open to its operators only.'
      : 'The queue dashboard could not be opened. Try again.',
  );
}
