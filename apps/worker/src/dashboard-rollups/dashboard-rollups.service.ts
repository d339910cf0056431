import { dirtyOrganizations, drainOrganization, InTransaction, transactionsOn } from '@closer/database';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Pause between drains when there was nothing to do: dashboards drain their own organization on read anyway. */
export const DRAIN_IDLE_MS = 2_000;

/**
 * Keeps the dashboard rollups close to the write model: a loop that drains the organizations with
 * dirty sessions (libs/database/src/dashboard-rollups). Drains take a per-organization lock and
 * skip an organization another worker (or a dashboard read) is draining, so any number of
 * workers may run this; a crash mid-drain rolls back and the marks stay for the next one.
 */
@Injectable()
export class DashboardRollupsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DashboardRollupsService.name);
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private wake?: () => void;
  private readonly inTransaction: InTransaction;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.inTransaction = transactionsOn(dataSource);
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One pass over every organization with dirty sessions; returns the sessions refreshed. */
  async drainAll(): Promise<number> {
    let refreshed = 0;
    const organizations = await dirtyOrganizations((sql, params) => this.dataSource.query(sql, params));
    for (const organizationId of organizations) {
      if (!this.running && refreshed > 0) break;
      refreshed += (await drainOrganization(this.inTransaction, organizationId, { wait: false })) ?? 0;
    }
    return refreshed;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let refreshed = 0;
      try {
        refreshed = await this.drainAll();
      } catch (error) {
        this.logger.warn(`dashboard rollups: drain failed, retrying: ${(error as Error).message}`);
      }
      if (refreshed === 0 && this.running) await new Promise<void>((resolve) => this.sleep(resolve));
    }
  }

  private sleep(resolve: () => void): void {
    const timer = setTimeout(done, DRAIN_IDLE_MS);
    this.wake = done;
    function done() {
      clearTimeout(timer);
      resolve();
    }
  }
}
