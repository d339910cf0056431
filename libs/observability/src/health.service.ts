import { Injectable, Logger } from '@nestjs/common';

/** Counts, roles and states only: a detail reaches a public endpoint, so never an address or an error text. */
export type HealthDetail = Record<string, string | number | undefined>;
export type HealthCheck = () => Promise<void | HealthDetail>;

export interface HealthOptions {
  /** A failing optional check is reported down without making /health 503 (the app works around it). */
  optional?: boolean;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | 'down'>;
  /** What a check chose to say about a dependency that answered (e.g. Redis mode and nodes up). */
  details?: Record<string, HealthDetail>;
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Each app registers its dependencies; /health is 503 naming whichever one fails. Only the name:
 * the reason (addresses, ports, driver errors) goes to the log, never to a public endpoint.
 */
@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);
  private readonly checks = new Map<string, { check: HealthCheck; optional: boolean }>();
  // last reason logged per check, so a failing dependency polled every few seconds logs once
  private readonly logged = new Map<string, string>();

  register(name: string, check: HealthCheck, options: HealthOptions = {}): void {
    this.checks.set(name, { check, optional: options.optional ?? false });
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, { check, optional }]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const detail = await Promise.race([
            check(),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
            }),
          ]);
          this.logged.delete(name);
          return { name, state: 'up' as const, optional, detail: detail ?? undefined };
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (this.logged.get(name) !== reason) this.logger.warn(`health check ${name} failing: ${reason}`);
          this.logged.set(name, reason);
          return { name, state: 'down' as const, optional, detail: undefined };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(entries.map(({ name, state }) => [name, state]));
    const details = Object.fromEntries(entries.flatMap(({ name, detail }) => (detail ? [[name, detail]] : [])));
    const status = entries.every(({ state, optional }) => state === 'up' || optional) ? 'ok' : 'unavailable';
    return Object.keys(details).length > 0 ? { status, checks, details } : { status, checks };
  }
}
