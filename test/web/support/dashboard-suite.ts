import { testConfig, TestDatabase, TestRedis } from '@closer/testing';
import type { Browser } from 'playwright-core';

import { RunningHttpApp, startCandidateService, startGateway } from '../../support/apps';
import { launchChromium } from './browser';
import { ensureWebBuilt } from './web-build';

/**
 * The candidate service and the gateway serving the built web app, and Chromium: enough for a test
 * of the dashboard alone (no worker, no mail). `env` reaches both apps' configuration.
 */
export class DashboardSuite {
  database!: TestDatabase;
  redis!: TestRedis;
  candidateService!: RunningHttpApp;
  gateway!: RunningHttpApp;
  browser!: Browser;
  /** Signs the tokens the gateway accepts. */
  jwtSecret!: string;

  constructor(private readonly env: Record<string, string> = {}) {}

  async start(): Promise<void> {
    ensureWebBuilt();
    this.database = await TestDatabase.create();
    this.redis = new TestRedis();
    const { database, redis, env } = this;
    const config = testConfig({ database, redis, env });
    this.jwtSecret = config.auth.jwtSecret!;
    this.candidateService = await startCandidateService(config);
    this.gateway = await startGateway(
      testConfig({ database, redis, env: { ...env, CANDIDATE_SERVICE_URL: `${this.candidateService.baseUrl}/graphql` } }),
    );
    this.browser = await launchChromium();
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.gateway?.close();
    await this.candidateService?.close();
    await this.redis?.flush();
    await this.database?.drop();
  }
}
