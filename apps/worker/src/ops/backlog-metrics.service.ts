import { MetricsService } from '@closer/observability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

/** Both backlogs in one statement; each count uses an index (the unrelayed rows' partial index, the marks' primary key). */
const BACKLOG_SQL = `SELECT
    (SELECT count(*)::int FROM outbox_events WHERE relayed_at IS NULL) AS outbox_rows,
    (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 FROM outbox_events WHERE relayed_at IS NULL) AS outbox_age,
    (SELECT count(*)::int FROM dashboard_dirty_sessions) AS rollup_marks`;

interface BacklogRow {
  outbox_rows: number;
  outbox_age: number;
  rollup_marks: number;
}

/**
 * What is waiting in PostgreSQL for the worker, read at scrape time: outbox rows not relayed yet
 * (and how long the oldest has waited: Redis away or no worker running) and dirty marks the
 * dashboard rollups have not drained. Every worker reports the same figures: alert on max().
 */
@Injectable()
export class BacklogMetrics {
  constructor(@InjectDataSource() dataSource: DataSource, metrics: MetricsService) {
    let pending: Promise<BacklogRow | undefined> | undefined;
    // one query per scrape, shared by the three gauges; PostgreSQL away: keep the last values (/health names it)
    const read = () =>
      (pending ??= dataSource
        .query<BacklogRow[]>(BACKLOG_SQL)
        .then((rows) => rows[0])
        .catch(() => undefined)
        .finally(() => setImmediate(() => (pending = undefined))));
    const gauge = (name: string, help: string, value: (row: BacklogRow) => number) =>
      new Gauge({
        name,
        help,
        registers: [metrics.registry],
        async collect() {
          const row = await read();
          if (row) this.set(Number(value(row)));
        },
      });
    gauge('closer_outbox_backlog', 'Outbox events not yet relayed to the queue', (row) => row.outbox_rows);
    gauge('closer_outbox_oldest_age_seconds', 'Age of the oldest outbox event not yet relayed (0 when none)', (row) => row.outbox_age);
    gauge('closer_rollup_backlog', 'Dirty-session marks the dashboard rollups have not drained yet', (row) => row.rollup_marks);
  }
}
