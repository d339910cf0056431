import { Module } from '@nestjs/common';

import { JobRunner } from '../jobs/job-runner.service';
import { OutboxModule } from '../outbox/outbox.module';
import { QueueMonitor } from './queue-monitor.service';

/** Job metrics for the processors, queue depths and the queue health check. */
@Module({ imports: [OutboxModule], providers: [JobRunner, QueueMonitor], exports: [JobRunner] })
export class OpsModule {}
