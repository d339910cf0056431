import type { AddressInfo } from 'node:net';

import { CloserConfig } from '@closer/config';
import { freePort } from '@closer/local-services';
import { type CapturedMail, SmtpMailbox } from '@closer/mailbox';
import { signTestJwt, testConfig, TestDatabase, TestRedis } from '@closer/testing';
import { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { createGateway } from '../../../apps/gateway/src/gateway.app';
import { graphql, RunningHttpApp, RunningWorker, startCandidateService, startWorker } from '../../support/apps';
import { type DESKTOP, launchChromium, PageWatch, type PHONE } from './browser';
import { ensureWebBuilt } from './web-build';

export interface BrowserSuiteOptions {
  /** Whether the worker runs (sends the mails, composes the answers); on unless a file needs it off. */
  worker?: boolean;
  /** The signed-in recruiter's JWT claims. */
  claims?: Record<string, string>;
}

/**
 * The whole suite for a browser test file: its own database and Redis prefix, an SMTP capture,
 * the candidate service, the gateway serving the built web app at `origin` (the PUBLIC_URL its
 * mails link to), the worker, Chromium, and a recruiter's token. Create it in the describe block,
 * then `start()` in beforeAll and `close()` in afterAll.
 */
export class BrowserSuite {
  database!: TestDatabase;
  redis!: TestRedis;
  smtp!: SmtpMailbox;
  config!: CloserConfig;
  candidateService!: RunningHttpApp;
  gateway!: INestApplication;
  worker?: RunningWorker;
  browser!: Browser;
  origin!: string;
  jwt!: string;
  /** Watches every context newContext opens (unless asked not to). */
  readonly watch = new PageWatch();
  /** Closed with the suite. */
  readonly contexts: BrowserContext[] = [];

  constructor(private readonly options: BrowserSuiteOptions = {}) {}

  async start(): Promise<void> {
    ensureWebBuilt();
    this.database = await TestDatabase.create();
    this.redis = new TestRedis();
    this.smtp = new SmtpMailbox();
    await this.smtp.start();
    const port = await freePort();
    this.origin = `http://127.0.0.1:${port}`;
    const base = { database: this.database, redis: this.redis, smtpUrl: this.smtp.url };
    this.config = testConfig({ ...base, env: { PUBLIC_URL: this.origin } });
    this.candidateService = await startCandidateService(this.config);
    this.gateway = await createGateway(
      testConfig({ ...base, env: { PUBLIC_URL: this.origin, CANDIDATE_SERVICE_URL: `${this.candidateService.baseUrl}/graphql` } }),
      { logger: false },
    );
    await this.gateway.listen(port, '127.0.0.1');
    expect((this.gateway.getHttpServer().address() as AddressInfo).port).toBe(port);
    const claims = this.options.claims ?? { org: 'acme', sub: 'rae', name: 'Rae Recruiter' };
    [this.worker, this.browser, this.jwt] = await Promise.all([
      this.options.worker === false ? undefined : startWorker(this.config),
      launchChromium(),
      signTestJwt(this.config.auth.jwtSecret!, claims),
    ]);
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((context) => context.close().catch(() => undefined)));
    await this.browser?.close();
    await this.worker?.close();
    await this.gateway?.close();
    await this.candidateService?.close();
    await this.smtp?.stop();
    await this.redis?.flush();
    await this.database?.drop();
  }

  /** A GraphQL operation as the signed-in recruiter, through the gateway; any error fails the test. */
  recruiter = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const { body } = await graphql<T>(`${this.origin}/graphql`, query, variables, { authorization: `Bearer ${this.jwt}` });
    if (body.errors?.length) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data!;
  };

  /** The form (`f`) or portal (`c`) link in a mail; its token is then watched for leaks. */
  linkIn = (mail: CapturedMail, kind: 'f' | 'c'): string => {
    const link = mail.links.find((l) => l.startsWith(`${this.origin}/${kind}/`));
    if (!link) throw new Error(`no /${kind}/ link in "${mail.subject}"`);
    this.watch.secret(link.slice(`${this.origin}/${kind}/`.length));
    return link;
  };

  /** A fresh browser context in London's time zone, closed with the suite. */
  newContext = async (
    device: typeof PHONE | typeof DESKTOP,
    { locale = 'en-GB', watched = true }: { locale?: string; watched?: boolean } = {},
  ): Promise<BrowserContext> => {
    const context = await this.browser.newContext({ ...device, locale, timezoneId: 'Europe/London', serviceWorkers: 'block' });
    if (watched) await this.watch.attach(context);
    context.setDefaultTimeout(10_000);
    this.contexts.push(context);
    return context;
  };

  newPage = async (device: typeof PHONE | typeof DESKTOP, locale = 'en-GB'): Promise<Page> =>
    (await this.newContext(device, { locale })).newPage();
}
