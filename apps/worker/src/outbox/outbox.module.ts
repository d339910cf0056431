import { Module } from '@nestjs/common';

import { JobProducer } from './job-producer';
import { OutboxRelayService } from './outbox-relay.service';

@Module({ providers: [JobProducer, OutboxRelayService], exports: [OutboxRelayService, JobProducer] })
export class OutboxModule {}
