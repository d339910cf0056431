import { JobName, JobPayloads, OutboxEventType, OutboxPayloads } from '@closer/queue';

export interface RoutedJob<J extends JobName = JobName> {
  name: J;
  data: JobPayloads[J];
}

type Router = { [T in OutboxEventType]?: (organizationId: string, payload: OutboxPayloads[T]) => RoutedJob[] };

/**
 * Which jobs each committed event starts. The relay claims only events with a route, so an event
 * written by a newer candidate service waits in the outbox until a worker that knows it runs.
 */
const ROUTES: Router = {
  [OutboxEventType.SessionScheduled]: (organizationId, payload) => [
    { name: JobName.SendPortalInvite, data: { organizationId, candidateId: payload.candidateId, linkVersion: payload.linkVersion } },
  ],
  [OutboxEventType.SessionCompleted]: (organizationId, payload) => [
    { name: JobName.FanOutForms, data: { organizationId, sessionId: payload.sessionId } },
  ],
  [OutboxEventType.FormResent]: (organizationId, payload) => [
    { name: JobName.SendFormInvite, data: { organizationId, formId: payload.formId, linkVersion: payload.linkVersion } },
  ],
  [OutboxEventType.CandidatePortalLinkSent]: (organizationId, payload) => [
    { name: JobName.SendPortalInvite, data: { organizationId, candidateId: payload.candidateId, linkVersion: payload.linkVersion } },
  ],
};

export const ROUTED_EVENT_TYPES: string[] = Object.keys(ROUTES);

export function routeOutboxEvent(type: string, organizationId: string, payload: unknown): RoutedJob[] | null {
  const route = ROUTES[type as OutboxEventType] as ((org: string, p: unknown) => RoutedJob[]) | undefined;
  return route ? route(organizationId, payload) : null;
}
