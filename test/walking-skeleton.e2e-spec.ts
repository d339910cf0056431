import { CloserConfig } from '@closer/config';
import { writeOutbox } from '@closer/database';
import { CANDIDATE_SERVICE_SUBGRAPH, IDENTITY_HEADER, signIdentity, verifyLinkToken } from '@closer/domain';
import { SmtpMailbox } from '@closer/mailbox';
import { OutboxEventType } from '@closer/queue';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { DataSource } from 'typeorm';

import { PortalInviteHandler } from '../apps/worker/src/mail/handlers/portal-invite.handler';
import { OutboxRelayService } from '../apps/worker/src/outbox/outbox-relay.service';
import { graphql, RunningHttpApp, RunningWorker, startCandidateService, startGateway, startWorker } from './support/apps';

/** Polls until the query returns rows (or 10 s pass), then returns the last result. */
async function eventually<T>(query: () => Promise<T[]>): Promise<T[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await query();
    if (rows.length > 0 || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The wiring of the whole suite, end to end: gateway → subgraph → PostgreSQL, a state change
 * with its outbox row in one transaction → worker relay → BullMQ → mail over real SMTP.
 */
describe('walking skeleton', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let smtp: SmtpMailbox;
  let config: CloserConfig;
  let candidateService: RunningHttpApp;
  let gateway: RunningHttpApp;
  let worker: RunningWorker;
  let auth: Record<string, string>;
  let gatewayUrl: string;

  beforeAll(async () => {
    database = await TestDatabase.create();
    redis = new TestRedis();
    smtp = new SmtpMailbox();
    await smtp.start();
    const base = { database, redis, smtpUrl: smtp.url };
    config = testConfig(base);
    candidateService = await startCandidateService(config);
    gateway = await startGateway(testConfig({ ...base, env: { CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` } }));
    worker = await startWorker(config);
    gatewayUrl = `${gateway.baseUrl}/graphql`;
    auth = { authorization: `Bearer ${await signTestJwt(config.auth.jwtSecret!, { org: 'acme', sub: 'rae' })}` };
  });

  afterAll(async () => {
    await worker?.close();
    await gateway?.close();
    await candidateService?.close();
    await smtp?.stop();
    await redis?.flush();
    await database?.drop();
  });

  it('reports every app healthy and serves Prometheus metrics', async () => {
    const urls = [gateway.baseUrl, candidateService.baseUrl, `http://127.0.0.1:${worker.opsPort}`];
    for (const url of urls) {
      const health = await fetch(`${url}/health`);
      expect({ url, status: health.status }).toEqual({ url, status: 200 });
      const metrics = await fetch(`${url}/metrics`);
      expect(await metrics.text()).toMatch(/^process_cpu_user_seconds_total\{app="[a-z-]+"\} /m);
    }
  });

  it('answers a recruiter query through the gateway from PostgreSQL, provisioning the org and user on first use', async () => {
    const { body } = await graphql<{ me: { name: string; organization: { slug: string; reminderHours: number[] } } }>(
      gatewayUrl,
      '{ me { name organization { slug reminderHours } } }',
      {},
      auth,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.me).toEqual({ name: 'Rae Recruiter', organization: { slug: 'acme', reminderHours: [24, 44] } });
    const rows = await database.query<{ slug: string; subject: string }>(
      'SELECT o.slug, u.subject FROM users u JOIN organizations o ON o.id = u.organization_id',
    );
    expect(rows).toEqual([{ slug: 'acme', subject: 'rae' }]);
  });

  it('turns a committed state change into exactly one mail with a working link', async () => {
    const added = await graphql<{ addCandidate: { id: string } }>(
      gatewayUrl,
      'mutation($input: AddCandidateInput!) { addCandidate(input: $input) { id } }',
      { input: { name: 'Ada <Lovelace>', email: 'ada@example.com' } },
      auth,
    );
    const candidateId = added.body.data!.addCandidate.id;

    const sent = await graphql(gatewayUrl, 'mutation($id: ID!) { sendCandidatePortalLink(candidateId: $id) }', { id: candidateId }, auth);
    expect(sent.body).toEqual({ data: { sendCandidatePortalLink: true } });

    // the version bump and its outbox row were committed together
    const [candidate] = await database.query<{ portal_link_version: number }>('SELECT portal_link_version FROM candidates WHERE id = $1', [
      candidateId,
    ]);
    expect(candidate.portal_link_version).toBe(2);
    const events = await database.query<{ type: string; payload: unknown }>('SELECT type, payload FROM outbox_events');
    expect(events).toEqual([{ type: OutboxEventType.CandidatePortalLinkSent, payload: { candidateId, linkVersion: 2 } }]);

    const mail = await smtp.waitFor((m) => m.to.includes('ada@example.com'), 30_000);
    expect(mail.html).toContain('Ada &lt;Lovelace&gt;');
    const link = mail.links.find((l) => l.startsWith(`${config.publicUrl}/c/`));
    expect(link).toBeDefined();
    const token = link!.slice(`${config.publicUrl}/c/`.length);
    expect(verifyLinkToken(config.links.secret, 'portal', token)).toEqual({ purpose: 'portal', id: candidateId, version: 2 });

    // the delivery row is written right after the SMTP server accepted the mail
    const deliveries = await eventually(() =>
      database.query<{ idempotency_key: string; message_id: string; status: string }>(
        'SELECT idempotency_key, message_id, status FROM email_deliveries',
      ),
    );
    expect(deliveries).toEqual([{ idempotency_key: `portal-invite:${candidateId}:2`, message_id: mail.messageId, status: 'SENT' }]);
    const relayed = await database.query<{ relayed: boolean }>('SELECT relayed_at IS NOT NULL AS relayed FROM outbox_events');
    expect(relayed).toEqual([{ relayed: true }]);

    // a retried job finds the delivery row and sends nothing
    const organizationId = (await database.query<{ id: string }>('SELECT id FROM organizations'))[0].id;
    const outcome = await worker.app.get(PortalInviteHandler).handleSendPortalInvite({ organizationId, candidateId, linkVersion: 2 });
    expect(outcome).toBe('already-sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mails.filter((m) => m.to.includes('ada@example.com'))).toHaveLength(1);
  });

  it('relays nothing and mails nothing when the transaction rolls back', async () => {
    const [organization] = await database.query<{ id: string }>('SELECT id FROM organizations');
    const [candidate] = await database.query<{ id: string }>(
      `INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Grace', 'grace@example.com') RETURNING id`,
      [organization.id],
    );
    const mailsBefore = smtp.mails.length;
    // job hashes only: BullMQ's own bookkeeping keys come and go on timers
    const jobKeys = async () => (await redis.keys()).filter((key) => /:outbox-\d+-\d+$/.test(key)).sort();
    const keysBefore = await jobKeys();
    expect(keysBefore.length).toBeGreaterThan(0);

    const dataSource = candidateService.app.get(DataSource);
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query('UPDATE candidates SET portal_link_version = portal_link_version + 1 WHERE id = $1', [candidate.id]);
        await writeOutbox(manager, [
          {
            organizationId: organization.id,
            type: OutboxEventType.CandidatePortalLinkSent,
            payload: { candidateId: candidate.id, linkVersion: 2 },
          },
        ]);
        throw new Error('the request failed after writing');
      }),
    ).rejects.toThrow('the request failed after writing');

    expect(await worker.app.get(OutboxRelayService).relayPending()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(
      await database.query('SELECT id FROM outbox_events WHERE payload @> $1', [JSON.stringify({ candidateId: candidate.id })]),
    ).toEqual([]);
    expect(await database.query('SELECT portal_link_version FROM candidates WHERE id = $1', [candidate.id])).toEqual([
      { portal_link_version: 1 },
    ]);
    expect(await jobKeys()).toEqual(keysBefore);
    expect(smtp.mails.length).toBe(mailsBefore);
  });

  it('refuses writing an outbox row outside a transaction', async () => {
    const dataSource = candidateService.app.get(DataSource);
    await expect(writeOutbox(dataSource.manager, [])).rejects.toThrow('inside a transaction');
  });

  describe('the subgraph trusts only the gateway', () => {
    const query = JSON.stringify({ query: '{ me { id } }' });
    const post = (headers: Record<string, string>) =>
      fetch(`${candidateService.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: query,
      });
    const identity = { sub: 'mallory', org: 'acme', email: 'm@evil.test', name: 'Mallory', role: 'admin' };
    const signed = { method: 'POST', subgraph: CANDIDATE_SERVICE_SUBGRAPH, body: query };

    it.each([
      ['no identity header', () => ({})],
      ['a header signed with another secret', () => ({ [IDENTITY_HEADER]: signIdentity('x'.repeat(40), identity, signed) })],
      ['a stale header', () => ({ [IDENTITY_HEADER]: signIdentity(config.auth.internalSecret, identity, signed, Date.now() - 120_000) })],
      [
        'a forged unsigned header',
        () => ({ [IDENTITY_HEADER]: Buffer.from(JSON.stringify({ identity, iat: Date.now(), jti: 'x' })).toString('base64url') }),
      ],
    ])('refuses %s', async (_case, headers) => {
      const response = await post(headers());
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] });
    });

    it('accepts a fresh header signed with the internal secret', async () => {
      const response = await post({ [IDENTITY_HEADER]: signIdentity(config.auth.internalSecret, identity, signed) });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { me: { id: string } } }).data.me.id).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it.each([
    ['a token signed with another key', async () => signTestJwt('y'.repeat(48))],
    ['an expired token', async () => signTestJwt(config.auth.jwtSecret!, {}, { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    [
      'alg none',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","org":"acme","exp":9999999999}').toString('base64url')}.`,
    ],
  ])('answers UNAUTHENTICATED through the gateway for %s', async (_case, token) => {
    const { body } = await graphql(gatewayUrl, '{ me { id } }', {}, { authorization: `Bearer ${await token()}` });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
  });
});
