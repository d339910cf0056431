import { CloserConfig } from '@closer/config';
import { OUTBOX_CHANNEL } from '@closer/database';
import { MetricsService } from '@closer/observability';
import { traceRelayedRow } from '@closer/telemetry';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';

import { JobProducer } from '../queue/job-producer';
import { ROUTED_EVENT_TYPES, routeOutboxEvent } from './outbox-routes';

const BATCH_SIZE = 200;
const POLL_MS = 1_000;
/**
 * After a notification, how long to let the commits right behind it arrive before claiming: under
 * a burst of completions one transaction then relays several events instead of one each.
 */
const GATHER_MS = 20;

interface OutboxRow {
  id: string;
  organization_id: string;
  type: string;
  payload: unknown;
  traceparent: string | null;
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED so replicas
 * share the work, jobs get ids derived from the row so a repeat adds nothing, and a row is marked
 * relayed only in the transaction that enqueued it: Redis being down delays, never loses.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly relayed: Counter;
  private running = false;
  /** A transaction with outbox rows committed since the last claim began. */
  private notified = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private listener?: Client;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly config: CloserConfig,
    metrics: MetricsService,
  ) {
    this.relayed = new Counter({
      name: 'closer_outbox_relayed_total',
      help: 'Outbox events relayed to the queue',
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Relays until nothing is left; returns how many events were relayed. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.relayBatch();
      total += count;
      if (count < BATCH_SIZE) return total;
    }
  }

  private async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, organization_id, type, payload, traceparent FROM outbox_events
          WHERE relayed_at IS NULL AND type = ANY($2::text[]) ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE, ROUTED_EVENT_TYPES],
      );
      if (rows.length === 0) return 0;
      const traces = rows.map((row) => traceRelayedRow(row.traceparent, row.type));
      const jobs = rows.flatMap((row, at) => {
        const routed = routeOutboxEvent(row.type, row.organization_id, row.payload);
        if (!routed) this.logger.error(`outbox event ${row.id} has unknown type ${row.type}; marking it relayed`);
        return (routed ?? []).map((job, index) => ({ id: `outbox-${row.id}-${index}`, job, ...traces[at].jobOptions }));
      });
      await this.producer.add(jobs).finally(() => traces.forEach((trace) => trace.end()));
      await manager.query(`UPDATE outbox_events SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      this.relayed.inc(rows.length);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      // cleared before claiming: a commit notified while this relay runs is relayed by the next one
      this.notified = false;
      try {
        await this.relayPending();
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 30 === 0) this.logger.warn(`relay paused: ${(error as Error).message}`);
      }
      if (!this.running) break;
      if (failures > 0 || !this.notified) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, failures > 0 ? Math.min(POLL_MS * failures, 5_000) : POLL_MS);
          this.wake = () => {
            this.wake = undefined;
            clearTimeout(timer);
            resolve();
          };
        });
      }
      if (this.notified && failures === 0 && this.running) await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
    }
  }

  /** LISTEN wakes the loop as soon as a transaction with outbox rows commits; polling covers the rest. */
  private async listen(): Promise<void> {
    while (this.running) {
      const client = new Client({ connectionString: this.config.database.url, application_name: 'closer-outbox-listener' });
      // known before it connects, so a shutdown that races the connect still ends it
      this.listener = client;
      const lost = new Promise<void>((resolve) => {
        // a listener that is always there: a connection killed by the server never crashes the worker
        client.on('error', () => resolve());
        client.once('end', () => resolve());
      });
      try {
        client.on('notification', () => {
          this.notified = true;
          this.wake?.();
        });
        await client.connect();
        if (!this.running) break;
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        await lost;
      } catch {
        // PostgreSQL away: polling keeps working once it is back; retry the listener shortly
      }
      await client.end().catch(() => undefined);
      if (this.running) await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    await this.listener?.end().catch(() => undefined);
  }
}
