import { JobName, OutboxEventType, OutboxPayloads } from '@closer/queue';

import type { NamedJob } from '../queue/job-producer';

/** A job an outbox event starts. */
export type RoutedJob = NamedJob;

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
  // the new link version's invitation; once sent, its reminders count from the new sent_at
  [OutboxEventType.FormResent]: (organizationId, payload) => [
    { name: JobName.SendFormInvite, data: { organizationId, formId: payload.formId, linkVersion: payload.linkVersion } },
  ],
  [OutboxEventType.CandidatePortalLinkSent]: (organizationId, payload) => [
    { name: JobName.SendPortalInvite, data: { organizationId, candidateId: payload.candidateId, linkVersion: payload.linkVersion } },
  ],
  // whichever of the release and the candidate's request comes second finds both and mails (once)
  [OutboxEventType.AnswerReleased]: (organizationId, payload) => [
    { name: JobName.SendAnswerReady, data: { organizationId, sessionId: payload.sessionId } },
  ],
  [OutboxEventType.FitFeedbackRequested]: (organizationId, payload) => [
    { name: JobName.SendAnswerReady, data: { organizationId, sessionId: payload.sessionId } },
  ],
  [OutboxEventType.SessionRescheduled]: (organizationId, payload) => [
    { name: JobName.SendSessionRescheduled, data: { organizationId, sessionId: payload.sessionId } },
  ],
  [OutboxEventType.CandidateReplied]: (organizationId, payload) => [
    { name: JobName.SendCandidateReply, data: { organizationId, sessionId: payload.sessionId } },
  ],
  [OutboxEventType.CandidateErased]: (organizationId, payload) => [
    { name: JobName.PurgeCandidateJobs, data: { organizationId, candidateId: payload.candidateId } },
  ],
  [OutboxEventType.SessionCancelled]: (organizationId, payload) => [
    { name: JobName.SendSessionCancelled, data: { organizationId, sessionId: payload.sessionId } },
  ],
  // a new form on a completed session: its invitation at link version 1 (the sweeper's id for it too)
  [OutboxEventType.SessionInterviewerAdded]: (organizationId, payload) => [
    { name: JobName.SendFormInvite, data: { organizationId, formId: payload.formId, linkVersion: 1 } },
  ],
  [OutboxEventType.CandidateToldNoAnswer]: (organizationId, payload) => [
    { name: JobName.SendNoAnswerNote, data: { organizationId, sessionId: payload.sessionId, answerId: payload.answerId } },
  ],
  // Known events with nothing for the worker to do: the candidate service composes the answer in
  // the transaction of the last submit/decline.
  // Routing them to no job marks them relayed instead of leaving them in the outbox forever.
  [OutboxEventType.FeedbackSubmitted]: () => [],
  [OutboxEventType.FeedbackDeclined]: () => [],
  [OutboxEventType.AnswerComposed]: () => [],
  // their webhooks, if any, come as WebhookDeliveriesCreated written in the same transaction
  [OutboxEventType.FormFailed]: () => [],
  [OutboxEventType.AnswerWithheld]: () => [],
  [OutboxEventType.WebhookDeliveriesCreated]: (organizationId, payload) =>
    payload.deliveryIds.map((deliveryId) => ({ name: JobName.DeliverWebhook, data: { organizationId, deliveryId } })),
  [OutboxEventType.WebhookRedeliveryRequested]: (organizationId, payload) => [
    { name: JobName.DeliverWebhook, data: { organizationId, deliveryId: payload.deliveryId } },
  ],
};

export const ROUTED_EVENT_TYPES: string[] = Object.keys(ROUTES);

export function routeOutboxEvent(type: string, organizationId: string, payload: unknown): RoutedJob[] | null {
  const route = ROUTES[type as OutboxEventType] as ((org: string, p: unknown) => RoutedJob[]) | undefined;
  return route ? route(organizationId, payload) : null;
}
