import type { HealthReport, HealthService } from './health.service';

export type Probe = 'live' | 'ready';

/** The probe each path answers: /health keeps answering as readiness always did. */
export const PROBES: ReadonlyMap<string, Probe> = new Map([
  ['/health', 'ready'],
  ['/health/ready', 'ready'],
  ['/health/live', 'live'],
]);

export interface ProbeAnswer {
  status: 200 | 503;
  body: HealthReport | { status: 'ok' };
}

/**
 * live: 200 as long as the process answers at all, whatever its dependencies do, so that an
 * orchestrator restarts a hung process but never one that waits for PostgreSQL or Redis to come
 * back. ready: 200 only when every dependency answers, else 503 naming the ones that do not.
 */
export async function answerProbe(probe: Probe, health: HealthService): Promise<ProbeAnswer> {
  if (probe === 'live') return { status: 200, body: { status: 'ok' } };
  const report = await health.report();
  return { status: report.status === 'ok' ? 200 : 503, body: report };
}
