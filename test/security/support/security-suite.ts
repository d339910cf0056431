import { CloserConfig } from '@closer/config';
import { createLinkToken } from '@closer/domain';
import { CapturedMail, SmtpMailbox, SmtpMailboxOptions } from '@closer/mailbox';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import Redis from 'ioredis';
import { Pool } from 'pg';

import { graphql, RunningHttpApp, RunningWorker, startCandidateService, startGateway, startWorker } from '../../support/apps';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: { field: string; message: string }[]; [key: string]: unknown };
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: GqlError[] };
}

export type Call = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GqlResult<T>>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The suite in-process as a client meets it: candidate service and gateway (and, when a test asks
 * for it, a worker and an SMTP capture), a private database and Redis prefix, recruiters of any
 * organization by JWT, and link holders without one.
 */
export class SecuritySuite {
  readonly gatewayUrl: string;
  worker?: RunningWorker;
  private readonly clients = new Map<string, Record<string, string>>();

  private constructor(
    readonly database: TestDatabase,
    readonly redis: TestRedis,
    readonly smtp: SmtpMailbox,
    readonly config: CloserConfig,
    readonly candidateService: RunningHttpApp,
    readonly gateway: RunningHttpApp,
    private readonly pg: Pool,
  ) {
    this.gatewayUrl = `${gateway.baseUrl}/graphql`;
  }

  static async start(options: { env?: Record<string, string>; worker?: boolean; smtp?: SmtpMailboxOptions } = {}): Promise<SecuritySuite> {
    const database = await TestDatabase.create();
    const redis = new TestRedis();
    const smtp = new SmtpMailbox(100_000, options.smtp);
    await smtp.start();
    const env = { LINK_RATE_LIMIT_PER_MINUTE: '1000000', ...options.env };
    const config = testConfig({ database, redis, smtpUrl: smtp.url, env });
    const candidateService = await startCandidateService(config);
    const gateway = await startGateway(
      testConfig({ database, redis, smtpUrl: smtp.url, env: { ...env, CANDIDATE_SERVICE_URL: `${candidateService.baseUrl}/graphql` } }),
    );
    const pg = new Pool({ connectionString: database.url, max: 4 });
    const suite = new SecuritySuite(database, redis, smtp, config, candidateService, gateway, pg);
    if (options.worker) await suite.startWorker();
    return suite;
  }

  async startWorker(): Promise<void> {
    this.worker ??= await startWorker(this.config);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.gateway?.close();
    await this.candidateService?.close();
    await this.smtp?.stop();
    await this.pg?.end();
    await this.redis?.flush();
    await this.database?.drop();
  }

  /** A recruiter of `org` (provisioned on first use), calling through the gateway. */
  recruiter(org: string, sub = `${org}-recruiter`, role = 'recruiter'): Call {
    return async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) => {
      let headers = this.clients.get(`${org}/${sub}/${role}`);
      if (!headers) {
        const jwt = await signTestJwt(this.config.auth.jwtSecret!, {
          org,
          sub,
          email: `${sub}@${org}.test`,
          name: `${org} recruiter`,
          role,
        });
        headers = { authorization: `Bearer ${jwt}` };
        this.clients.set(`${org}/${sub}/${role}`, headers);
      }
      return graphql<T>(this.gatewayUrl, query, variables, headers) as Promise<GqlResult<T>>;
    };
  }

  /** Someone holding an emailed link: no JWT. */
  readonly anonymous: Call = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(this.gatewayUrl, query, variables) as Promise<GqlResult<T>>;

  formToken(formId: string, version = 1): string {
    return createLinkToken(this.config.links.secret, { purpose: 'form', id: formId, version });
  }

  portalToken(candidateId: string, version = 1): string {
    return createLinkToken(this.config.links.secret, { purpose: 'portal', id: candidateId, version });
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pg.query(sql, params)).rows as T[];
  }

  /** Every table of the application schema (the migrations' bookkeeping aside). */
  async tables(): Promise<string[]> {
    const rows = await this.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'typeorm_metadata')
        ORDER BY table_name`,
    );
    return rows.map((row) => row.table_name);
  }

  /**
   * Row count and a hash of every row of every table: equal snapshots mean nothing was written.
   * Leaves out the nonces of signed gateway requests: every mutation that reaches the resolvers
   * uses up its own, refused or not, and they say nothing about the data.
   */
  async snapshot(): Promise<Record<string, string>> {
    const tables = (await this.tables()).filter((table) => table !== 'signed_request_nonces');
    const sql = tables
      .map(
        (table) =>
          `SELECT '${table}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM "${table}" x`,
      )
      .join(' UNION ALL ');
    const rows = await this.query<{ t: string; h: string }>(sql);
    return Object.fromEntries(rows.map((row) => [row.t, row.h]));
  }

  /** Every key under this suite's prefix, with every value a key holds (hash fields, list items, …). */
  async redisDump(): Promise<{ key: string; values: string[] }[]> {
    const redis = new Redis(this.redis.url);
    try {
      const keys = await redis.keys(`${this.redis.prefix}:*`);
      const dump: { key: string; values: string[] }[] = [];
      for (const key of keys) {
        const type = await redis.type(key);
        let values: string[] = [];
        if (type === 'string') values = [(await redis.get(key)) ?? ''];
        else if (type === 'hash') values = Object.entries(await redis.hgetall(key)).flat();
        else if (type === 'list') values = await redis.lrange(key, 0, -1);
        else if (type === 'set') values = await redis.smembers(key);
        else if (type === 'zset') values = await redis.zrange(key, 0, -1);
        else if (type === 'stream') values = (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
        dump.push({ key, values });
      }
      return dump;
    } finally {
      redis.disconnect();
    }
  }

  /** Every text-bearing cell of every table (text, varchar, jsonb, arrays, …) as text. */
  async textCells(): Promise<{ table: string; column: string; value: string }[]> {
    const columns = await this.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED', 'bytea'))
        ORDER BY c.table_name, c.column_name`,
    );
    const cells: { table: string; column: string; value: string }[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const rows = await this.query<{ v: string | null }>(`SELECT "${column}"::text AS v FROM "${table}"`);
      for (const row of rows) if (row.v !== null) cells.push({ table, column, value: row.v });
    }
    return cells;
  }

  /** Waits until the worker has relayed every outbox row and the mail queue is idle for a moment. */
  async drain(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietSince = Date.now();
    let lastMails = this.smtp.mails.length;
    for (;;) {
      const [{ pending }] = await this.query<{ pending: number }>(
        'SELECT count(*)::int AS pending FROM outbox_events WHERE relayed_at IS NULL',
      );
      if (this.smtp.mails.length !== lastMails || pending > 0) {
        lastMails = this.smtp.mails.length;
        quietSince = Date.now();
      }
      if (pending === 0 && Date.now() - quietSince > 1_500) return;
      if (Date.now() > deadline) throw new Error(`the worker did not settle within ${timeoutMs} ms (${pending} outbox rows pending)`);
      await sleep(100);
    }
  }
}

const TEMPLATE_TAGS = new Set([
  '!doctype',
  'html',
  'head',
  'meta',
  'title',
  'body',
  'p',
  'a',
  'strong',
  'em',
  'br',
  'ul',
  'ol',
  'li',
  'span',
  'div',
  'h1',
  'h2',
  'h3',
  'table',
  'tr',
  'td',
]);

/**
 * What in a mail's HTML did not come from its template: a tag the templates never use, an event
 * handler attribute, or accepted hostile text appearing raw rather than escaped.
 */
export function unescapedMarkup(mail: CapturedMail, hostile: readonly string[]): string[] {
  const found: string[] = [];
  for (const [tag, name] of mail.html.matchAll(/<\/?([a-z!][a-z0-9]*)[^>]*>/gi)) {
    if (!TEMPLATE_TAGS.has(name.toLowerCase())) found.push(`tag ${name}`);
    if (/\son\w+\s*=|javascript:/i.test(tag)) found.push(`attribute in ${tag.slice(0, 80)}`);
  }
  for (const text of hostile) if (/[<>"'&]/.test(text) && mail.html.includes(text)) found.push(text);
  return found;
}
