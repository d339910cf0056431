import type { ReactNode } from 'react';

import { Link } from './places';
import type { Directory } from './queries';

/** Integrations (an ATS, calendars, API keys) are managed here. */
export function Integrations(): ReactNode {
  return (
    <div className="integrations">
      <h1>Integrations</h1>
      <p>Connections to your applicant tracking system, calendars and API keys are managed here.</p>
      <p className="muted">Nothing is connected yet.</p>
    </div>
  );
}

export function Settings({ directory }: { directory: Directory | null }): ReactNode {
  const me = directory?.me;
  return (
    <div className="settings">
      <h1>Settings</h1>
      {me ? (
        <dl className="form-answers">
          <dt>Organization</dt>
          <dd>
            {me.organization.name} <span className="meta">({me.organization.slug})</span>
          </dd>
          <dt>Signed in as</dt>
          <dd>
            {me.name} <span className="meta">{me.email}</span>
          </dd>
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </div>
  );
}

export function NotAPlace(): ReactNode {
  return (
    <div>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address in the dashboard. <Link to="/dashboard">Go to the overview</Link>.
      </p>
    </div>
  );
}
