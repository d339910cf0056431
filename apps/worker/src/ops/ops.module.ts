import { Module } from '@nestjs/common';

import { JobRunner } from '../jobs/job-runner.service';
import { OutboxModule } from '../outbox/outbox.module';
import { BacklogMetrics } from './backlog-metrics.service';
import { QueueMonitor } from './queue-monitor.service';

/** Job metrics for the processors, queue depths, backlogs and the queue health check. */
@Module({ imports: [OutboxModule], providers: [JobRunner, QueueMonitor, BacklogMetrics], exports: [JobRunner] })
export class OpsModule {}
