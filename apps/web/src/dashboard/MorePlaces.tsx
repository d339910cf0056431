import { type ReactNode, useState } from 'react';

import type { Api } from '../api';
import { Status } from '../ui';
import { OrganizationName } from './OrganizationName';
import { Link } from './places';
import type { Directory } from './queries';

export function Settings({ api, directory, onChanged }: { api: Api; directory: Directory | null; onChanged(): void }): ReactNode {
  const me = directory?.me;
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="settings">
      <h1>Settings</h1>
      {done ? <Status tone="ok">{done}</Status> : null}
      {me ? (
        <OrganizationName
          key={me.organization.name}
          api={api}
          name={me.organization.name}
          onChanged={(message) => {
            setDone(message);
            onChanged();
          }}
        />
      ) : null}
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
