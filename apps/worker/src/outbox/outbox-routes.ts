import { JobName, JobPayloads, OutboxEventType, OutboxPayloads } from '@closer/queue';

export interface RoutedJob<J extends JobName = JobName> {
  name: J;
  data: JobPayloads[J];
}

type Router = { [T in OutboxEventType]: (organizationId: string, payload: OutboxPayloads[T]) => RoutedJob[] };

/** Which jobs each committed event starts; the compiler insists every event type has a route. */
const ROUTES: Router = {
  [OutboxEventType.CandidatePortalLinkSent]: (organizationId, payload) => [
    { name: JobName.SendPortalInvite, data: { organizationId, candidateId: payload.candidateId, linkVersion: payload.linkVersion } },
  ],
};

export function routeOutboxEvent(type: string, organizationId: string, payload: unknown): RoutedJob[] | null {
  const route = ROUTES[type as OutboxEventType] as ((org: string, p: unknown) => RoutedJob[]) | undefined;
  return route ? route(organizationId, payload) : null;
}
