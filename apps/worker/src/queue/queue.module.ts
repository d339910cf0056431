import { Module } from '@nestjs/common';

import { JobProducer } from './job-producer';
import { JobRunner } from './job-runner.service';

/** Adding jobs (producer) and running them (the runner every processor wraps its handlers in). */
@Module({ providers: [JobProducer, JobRunner], exports: [JobProducer, JobRunner] })
export class QueueModule {}
