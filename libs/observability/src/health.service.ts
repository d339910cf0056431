import { Injectable, Logger } from '@nestjs/common';

export type HealthCheck = () => Promise<void>;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | 'down'>;
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Each app registers its dependencies; /health is 503 naming whichever one fails. Only the name:
 * the reason (addresses, ports, driver errors) goes to the log, never to a public endpoint.
 */
@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);
  private readonly checks = new Map<string, HealthCheck>();
  // last reason logged per check, so a failing dependency polled every few seconds logs once
  private readonly logged = new Map<string, string>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
            }),
          ]);
          this.logged.delete(name);
          return [name, 'up'] as const;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (this.logged.get(name) !== reason) this.logger.warn(`health check ${name} failing: ${reason}`);
          this.logged.set(name, reason);
          return [name, 'down'] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    return { status: entries.every(([, state]) => state === 'up') ? 'ok' : 'unavailable', checks };
  }
}
