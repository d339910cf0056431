import { Module } from '@nestjs/common';

import { QueueModule } from '../queue/queue.module';
import { QueueMonitor } from './queue-monitor.service';

/** Queue depths for /metrics and the queue health check. */
@Module({ imports: [QueueModule], providers: [QueueMonitor] })
export class OpsModule {}
