import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';

import { type Api, errorText, fieldErrors } from '../api';
import { ACTIONS, Alert, Status, Table, TextField } from '../ui';
import { useSubmission } from '../useSubmission';

export const WEBHOOK_EVENTS = [
  ['FIT_FEEDBACK_REQUESTED', 'A candidate asked how well they fit'],
  ['FORM_SUBMITTED', 'An interviewer submitted feedback'],
  ['FORM_DECLINED', 'An interviewer declined to give feedback'],
  ['FORM_FAILED', 'A feedback form could not be delivered'],
  ['ANSWER_AWAITING_REVIEW', 'An answer awaits review'],
  ['ANSWER_RELEASED', 'An answer was released'],
  ['ANSWER_WITHHELD', 'An answer was withheld'],
] as const;

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface Delivery {
  id: string;
  event: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
}

interface Endpoint {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
  disabledAt: string | null;
  deliveries: Delivery[];
}

const INTEGRATIONS = `query Integrations {
  apiKeys { id name prefix createdAt lastUsedAt revokedAt }
  webhookEndpoints { id url events createdAt disabledAt deliveries(first: 10) { id event status attempts lastStatusCode lastError createdAt } }
}`;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/**
 * The organization's integrations, for its admins: API keys for an ATS or calendar sync, and the
 * webhook endpoints events are sent to. Secrets are shown once, right after creation.
 */
export function Integrations({ api }: { api: Api }): ReactNode {
  const [data, setData] = useState<{ apiKeys: ApiKey[]; webhookEndpoints: Endpoint[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    api<{ apiKeys: ApiKey[]; webhookEndpoints: Endpoint[] }>(INTEGRATIONS)
      .then((loaded) => live && (setData(loaded), setError(null)))
      .catch((failure: unknown) => live && setError(errorText(failure)));
    return () => {
      live = false;
    };
  }, [api, version]);

  const act = (run: () => Promise<unknown>) => {
    setError(null);
    run()
      .then(reload)
      .catch((failure: unknown) => setError(errorText(failure)));
  };

  return (
    <div className="setup integrations">
      <h1>Integrations</h1>
      {error ? <Alert>{error}</Alert> : null}
      {secret ? <SecretOnce title={secret.title} secret={secret.value} onClose={() => setSecret(null)} /> : null}

      <section aria-labelledby="keys-title" className="setup-section">
        <h2 id="keys-title">API keys</h2>
        <p className="muted">
          A key acts as a recruiter of your organization (never as an admin). Send it as Authorization: Bearer &lt;key&gt;.
        </p>
        <NewKey
          api={api}
          onCreated={(value) => {
            setSecret({ title: 'Your new API key', value });
            reload();
          }}
        />
        {data && data.apiKeys.length === 0 ? <p className="muted">No keys yet.</p> : null}
        {data && data.apiKeys.length > 0 ? (
          <Table columns={['Name', 'Key', 'Created', 'Last used', 'Status']}>
            {data.apiKeys.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{when(key.createdAt)}</td>
                <td>{when(key.lastUsedAt)}</td>
                <td>
                  {key.revokedAt ? (
                    `Revoked ${when(key.revokedAt)}`
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() =>
                        window.confirm(`Revoke “${key.name}”? It stops working at once.`) &&
                        act(() => api('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }))
                      }
                    >
                      Revoke<span className="sr-only"> {key.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        ) : null}
      </section>

      <section aria-labelledby="hooks-title" className="setup-section">
        <h2 id="hooks-title">Webhook endpoints</h2>
        <p className="muted">Events are signed as Standard Webhooks. They carry ids, statuses and bands, never names or free text.</p>
        <NewEndpoint
          api={api}
          onCreated={(value) => {
            setSecret({ title: 'Your endpoint’s signing secret', value });
            reload();
          }}
        />
        {data && data.webhookEndpoints.length === 0 ? <p className="muted">No endpoints yet.</p> : null}
        <ul className="cards">
          {data?.webhookEndpoints.map((endpoint) => (
            <li key={endpoint.id} className="card">
              <div className="section-head">
                <h3>
                  <code>{endpoint.url}</code>
                </h3>
                <span>
                  {endpoint.disabledAt ? (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => act(() => api('mutation($id: ID!) { enableWebhookEndpoint(id: $id) { id } }', { id: endpoint.id }))}
                    >
                      Enable
                    </button>
                  ) : null}{' '}
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() =>
                      window.confirm(`Delete the endpoint ${endpoint.url}?`) &&
                      act(() => api('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }', { id: endpoint.id }))
                    }
                  >
                    Delete
                  </button>
                </span>
              </div>
              {endpoint.disabledAt ? (
                <Alert>Disabled {when(endpoint.disabledAt)} after a day of failed deliveries. Nothing is sent until it is enabled.</Alert>
              ) : null}
              <p className="meta">Events: {endpoint.events.join(', ')}</p>
              {endpoint.deliveries.length === 0 ? (
                <p className="muted">No deliveries yet.</p>
              ) : (
                <Table
                  caption={`Recent deliveries to ${endpoint.url}`}
                  columns={['Event', 'Status', 'Attempts', 'Last answer', 'Created', ACTIONS]}
                >
                  {endpoint.deliveries.map((delivery) => (
                    <tr key={delivery.id}>
                      <td>{delivery.event}</td>
                      <td>{delivery.status}</td>
                      <td>{delivery.attempts}</td>
                      <td>{delivery.lastError ?? (delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : '—')}</td>
                      <td>{when(delivery.createdAt)}</td>
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          disabled={delivery.status === 'PENDING'}
                          onClick={() =>
                            act(() => api('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }', { id: delivery.id }))
                          }
                        >
                          Redeliver
                        </button>
                      </td>
                    </tr>
                  ))}
                </Table>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function NewKey({ api, onCreated }: { api: Api; onCreated(secret: string): void }): ReactNode {
  const [name, setName] = useState('');
  const { busy, errors: problems, run } = useSubmission((failure) => ({ name: fieldErrors(failure).name ?? errorText(failure) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await api<{ createApiKey: { secret: string } }>('mutation($name: String!) { createApiKey(name: $name) { secret } }', {
        name,
      });
      setName('');
      onCreated(created.createApiKey.secret);
    });
  };
  return (
    <form className="panel inline-form" onSubmit={submit}>
      <TextField
        label="Key name"
        hint="What uses it, e.g. “Greenhouse sync”."
        value={name}
        onChange={setName}
        required
        error={problems.name}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        Create key
      </button>
    </form>
  );
}

function NewEndpoint({ api, onCreated }: { api: Api; onCreated(secret: string): void }): ReactNode {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(WEBHOOK_EVENTS.map(([event]) => event));
  const {
    busy,
    errors: problems,
    run,
  } = useSubmission((failure) => {
    const fields = fieldErrors(failure);
    return Object.keys(fields).length > 0 ? fields : { url: errorText(failure) };
  });
  const toggle = (event: string) =>
    setEvents((chosen) => (chosen.includes(event) ? chosen.filter((e) => e !== event) : [...chosen, event]));
  const submit = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    void run(async () => {
      const created = await api<{ createWebhookEndpoint: { secret: string } }>(
        'mutation($url: String!, $events: [WebhookEvent!]!) { createWebhookEndpoint(url: $url, events: $events) { secret } }',
        { url, events },
      );
      setUrl('');
      onCreated(created.createWebhookEndpoint.secret);
    });
  };
  return (
    <form className="panel" onSubmit={submit}>
      <TextField
        label="Endpoint URL"
        hint="https, reachable from the internet."
        value={url}
        onChange={setUrl}
        required
        error={problems.url}
      />
      <fieldset className="field">
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map(([event, label]) => (
          <label key={event} className="checkbox">
            <input type="checkbox" checked={events.includes(event)} onChange={() => toggle(event)} /> {label} <code>{event}</code>
          </label>
        ))}
        {problems.events ? <p className="field-error">{problems.events}</p> : null}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={busy}>
        Add endpoint
      </button>
    </form>
  );
}

/** The one time a secret is shown: copy it now; closing forgets it. */
function SecretOnce({ title, secret, onClose }: { title: string; secret: string; onClose(): void }): ReactNode {
  const [copied, setCopied] = useState(false);
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="secret-title" className="panel secret-once">
      <h2 id="secret-title">{title}</h2>
      <p>Copy it now: it is shown only once and cannot be retrieved later.</p>
      <p>
        <code className="secret" data-testid="secret-once">
          {secret}
        </code>
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() =>
            navigator.clipboard
              .writeText(secret)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          Copy
        </button>
        <button type="button" className="button button-primary" onClick={onClose}>
          I have copied it
        </button>
      </div>
      {copied ? <Status tone="ok">Copied.</Status> : null}
    </div>
  );
}
