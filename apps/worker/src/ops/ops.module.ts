import { Module } from '@nestjs/common';

import { QueueModule } from '../queue/queue.module';
import { BacklogMetrics } from './backlog-metrics.service';
import { QueueMonitor } from './queue-monitor.service';

/** Queue depths and the PostgreSQL backlogs for /metrics, and the queue health check. */
@Module({ imports: [QueueModule], providers: [QueueMonitor, BacklogMetrics] })
export class OpsModule {}
