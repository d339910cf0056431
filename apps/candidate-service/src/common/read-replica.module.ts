import { HealthService, MetricsService } from '@closer/observability';
import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';

import { ReadReplica } from './read-replica';

/** One ReadReplica for the dashboard, export and list reads; /health and /metrics say where reads go. */
@Global()
@Module({ providers: [ReadReplica], exports: [ReadReplica] })
export class ReadReplicaModule implements OnModuleInit {
  constructor(
    private readonly replica: ReadReplica,
    private readonly health: HealthService,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    if (!this.replica.configured) return;
    // optional: while the replica is away the reads run on the primary and the service stays up
    this.health.register('postgres-replica', async () => ({ lagSeconds: Math.round((await this.replica.lagSeconds()) * 10) / 10 }), {
      optional: true,
    });
    const replica = this.replica;
    new Gauge({
      name: 'closer_replica_reads_total',
      help: 'Dashboard, export and list reads served, by server (replica or primary)',
      labelNames: ['node'],
      registers: [this.metrics.registry],
      collect() {
        for (const node of ['replica', 'primary'] as const) this.set({ node }, replica.served[node]);
      },
    });
  }
}
