import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';

import { ApiError, errorText, graphql } from '../api';
import { recruiterToken, setRecruiterToken } from '../auth';
import { Alert, Brand, Status } from '../ui';
import { Integrations } from './Integrations';
import { Overview } from './Overview';
import { DIRECTORY, type Directory, type Session, SESSIONS, SESSIONS_MAX_PAGES, STATS, type Stats } from './queries';
import { Review } from './Review';
import { Sessions } from './Sessions';
import { Setup } from './Setup';

export type Api = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface Filters {
  roleId: string;
  from: string;
  to: string;
}

type Tab = 'overview' | 'review' | 'sessions' | 'setup' | 'integrations';
const TABS: { id: Tab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'review', label: 'Needs attention' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'setup', label: 'Roles & people' },
  { id: 'integrations', label: 'Integrations' },
];

export default function DashboardPage(): ReactNode {
  const [token, setToken] = useState<string | null>(() => recruiterToken());
  const [signedOut, setSignedOut] = useState<string | null>(null);

  const signOut = useCallback((why: string | null) => {
    // the queue dashboard's session ends with this one (its cookie is HttpOnly: only the server can end it)
    void fetch('/admin/queues/session', { method: 'DELETE' }).catch(() => undefined);
    setRecruiterToken(null);
    setToken(null);
    setSignedOut(why);
  }, []);

  if (!token) {
    return (
      <SignIn
        notice={signedOut}
        onToken={(value) => {
          setRecruiterToken(value);
          setSignedOut(null);
          setToken(value);
        }}
      />
    );
  }
  return <Dashboard token={token} onSignOut={signOut} />;
}

function SignIn({ notice, onToken }: { notice: string | null; onToken(token: string): void }): ReactNode {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = value.trim().replace(/^Bearer\s+/i, '');
    if (token) onToken(token);
  };
  return (
    <>
      <Brand />
      <main className="page page-narrow" id="main">
        <h1>Sign in to the closing-feedback dashboard</h1>
        {notice ? <Alert>{notice}</Alert> : null}
        <p>
          Open the dashboard link your identity provider (or <code>npm start</code>) gave you: it ends in <code>#token=…</code> and signs
          you in for this browser tab. Or paste the token here.
        </p>
        <form onSubmit={submit} className="panel">
          <div className="field">
            <label htmlFor="token">Access token</label>
            <input id="token" type="password" autoComplete="off" value={value} onChange={(event) => setValue(event.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" className="button button-primary">
              Sign in
            </button>
          </div>
        </form>
      </main>
    </>
  );
}

interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

function Dashboard({ token, onSignOut }: { token: string; onSignOut(why: string | null): void }): ReactNode {
  const [tab, setTab] = useState<Tab>('overview');
  const [filters, setFilters] = useState<Filters>({ roleId: '', from: '', to: '' });
  const [directory, setDirectory] = useState<Loaded<Directory>>({ data: null, error: null, loading: true });
  const [stats, setStats] = useState<Loaded<Stats>>({ data: null, error: null, loading: true });
  const [sessions, setSessions] = useState<Loaded<Session[]>>({ data: null, error: null, loading: true });
  const [version, setVersion] = useState(0);

  const api: Api = useCallback(
    async <T,>(query: string, variables: Record<string, unknown> = {}) => {
      try {
        return await graphql<T>(query, variables, token);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
          onSignOut('Your sign-in has expired or is not valid. Open the dashboard link again to sign in.');
        }
        throw error;
      }
    },
    [token, onSignOut],
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
      .then((data) => live && setDirectory({ data, error: null, loading: false }))
      .catch((error: unknown) => live && setDirectory((d) => ({ ...d, error: errorText(error), loading: false })));
    return () => {
      live = false;
    };
  }, [api, version]);

  useEffect(() => {
    let live = true;
    setStats((s) => ({ ...s, loading: true }));
    api<{ closingFeedbackDashboard: Stats }>(STATS, {
      roleId: filters.roleId || null,
      from: filters.from ? startOfDay(filters.from) : null,
      to: filters.to ? startOfDay(filters.to, 1) : null,
    })
      .then((data) => live && setStats({ data: data.closingFeedbackDashboard, error: null, loading: false }))
      .catch((error: unknown) => live && setStats((s) => ({ ...s, error: errorText(error), loading: false })));
    return () => {
      live = false;
    };
  }, [api, version, filters]);

  useEffect(() => {
    let live = true;
    setSessions((s) => ({ ...s, loading: true }));
    loadSessions(api, filters.roleId || null)
      .then((data) => live && setSessions({ data, error: null, loading: false }))
      .catch((error: unknown) => live && setSessions((s) => ({ ...s, error: errorText(error), loading: false })));
    return () => {
      live = false;
    };
  }, [api, version, filters.roleId]);

  const attention = useMemo(() => {
    const list = sessions.data ?? [];
    const review = list.filter((s) => s.answer?.status === 'AWAITING_REVIEW').length;
    const failed = list.flatMap((s) => s.forms).filter((f) => f.status === 'FAILED' || f.status === 'EXPIRED').length;
    return review + failed;
  }, [sessions.data]);

  const me = directory.data?.me;
  const roles = directory.data?.roles ?? [];
  const operator = useQueueAccess(token);
  const [queuesRefused, setQueuesRefused] = useState<string | null>(null);
  const openQueues = () => {
    setQueuesRefused(null);
    openQueueDashboard(token).catch((error: unknown) => setQueuesRefused(error instanceof Error ? error.message : errorText(error)));
  };

  return (
    <div className="dashboard">
      <header className="brand-bar brand-bar-dashboard">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Closer
        </span>
        <span className="who">
          {me ? (
            <>
              {me.name} · {me.organization.name}
            </>
          ) : null}
          {operator ? (
            <button type="button" className="button-link on-dark" onClick={openQueues}>
              Queues
            </button>
          ) : null}
          <button type="button" className="button-link on-dark" onClick={() => onSignOut('You signed out.')}>
            Sign out
          </button>
        </span>
      </header>
      <nav className="tabs" aria-label="Dashboard sections">
        {TABS.filter((t) => t.id !== 'integrations' || me?.role === 'admin').map((t) => (
          <button key={t.id} type="button" className="tab" aria-current={tab === t.id ? 'page' : undefined} onClick={() => setTab(t.id)}>
            {t.label}
            {t.id === 'review' && attention > 0 ? <span className="badge"> {attention}</span> : null}
          </button>
        ))}
        <button type="button" className="tab tab-refresh" onClick={refresh} disabled={sessions.loading || stats.loading}>
          Refresh
        </button>
      </nav>
      <main className="page page-wide" id="main">
        {directory.error && !directory.data ? <Alert>{directory.error}</Alert> : null}
        {queuesRefused ? <Alert>{queuesRefused}</Alert> : null}
        {tab === 'overview' ? (
          <Overview stats={stats} filters={<FilterBar filters={filters} roles={roles} onChange={setFilters} showDates />} />
        ) : null}
        {tab === 'review' ? <Review api={api} sessions={sessions} onChanged={refresh} /> : null}
        {tab === 'sessions' ? (
          <Sessions
            api={api}
            sessions={sessions}
            directory={directory.data}
            onChanged={refresh}
            filters={<FilterBar filters={filters} roles={roles} onChange={setFilters} showDates={false} />}
          />
        ) : null}
        {tab === 'integrations' && me?.role === 'admin' ? <Integrations api={api} /> : null}
        {tab === 'setup' ? (
          directory.data ? (
            <Setup api={api} directory={directory.data} onChanged={refresh} />
          ) : (
            <Status>Loading roles and people…</Status>
          )
        ) : null}
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

/** A date input's day, from local midnight (plus `days`), as an instant. */
function startOfDay(day: string, days = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + days).toISOString();
}

/** Whether the gateway lets this token open the queue dashboard (operators are named by its settings). */
function useQueueAccess(token: string): boolean {
  const [allowed, setAllowed] = useState(false);
  useEffect(() => {
    let live = true;
    fetch('/admin/queues/access', { headers: { authorization: `Bearer ${token}` } })
      .then((response) => live && setAllowed(response.status === 200))
      .catch(() => live && setAllowed(false));
    return () => {
      live = false;
    };
  }, [token]);
  return allowed;
}

/**
 * The queue dashboard cannot be sent a Bearer header by the browser: trade the token for its
 * HttpOnly cookie first, then go there. Operators only (the gateway says who).
 */
async function openQueueDashboard(token: string): Promise<void> {
  const response = await fetch('/admin/queues/session', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
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
