import { JobName, OutboxEventType } from '@closer/queue';

import { ROUTED_EVENT_TYPES, RoutedJob, routeOutboxEvent } from './outbox-routes';

/**
 * Every event the candidate service writes, by its stored name, with the jobs it starts. Written
 * out rather than read from OutboxEventType: an event added there fails the completeness check
 * below until it gets a row here.
 */
const ROUTES: [type: string, payload: Record<string, unknown>, jobs: RoutedJob[]][] = [
  [
    'session.scheduled',
    { sessionId: 's', candidateId: 'c', linkVersion: 1 },
    [{ name: JobName.SendPortalInvite, data: { organizationId: 'o', candidateId: 'c', linkVersion: 1 } }],
  ],
  ['session.completed', { sessionId: 's' }, [{ name: JobName.FanOutForms, data: { organizationId: 'o', sessionId: 's' } }]],
  ['session.cancelled', { sessionId: 's' }, [{ name: JobName.SendSessionCancelled, data: { organizationId: 'o', sessionId: 's' } }]],
  [
    'session.interviewer-added',
    { sessionId: 's', formId: 'f' },
    [{ name: JobName.SendFormInvite, data: { organizationId: 'o', formId: 'f', linkVersion: 1 } }],
  ],
  [
    'answer.candidate-told-no-answer',
    { sessionId: 's', answerId: 'a' },
    [{ name: JobName.SendNoAnswerNote, data: { organizationId: 'o', sessionId: 's', answerId: 'a' } }],
  ],
  ['feedback.submitted', { sessionId: 's', formId: 'f' }, []],
  ['feedback.declined', { sessionId: 's', formId: 'f' }, []],
  ['fit-feedback.requested', { sessionId: 's' }, [{ name: JobName.SendAnswerReady, data: { organizationId: 'o', sessionId: 's' } }]],
  ['answer.composed', { sessionId: 's', answerId: 'a' }, []],
  [
    'answer.released',
    { sessionId: 's', answerId: 'a' },
    [{ name: JobName.SendAnswerReady, data: { organizationId: 'o', sessionId: 's' } }],
  ],
  [
    'form.resent',
    { sessionId: 's', formId: 'f', linkVersion: 2 },
    [{ name: JobName.SendFormInvite, data: { organizationId: 'o', formId: 'f', linkVersion: 2 } }],
  ],
  [
    'candidate.portal-link-sent',
    { candidateId: 'c', linkVersion: 3 },
    [{ name: JobName.SendPortalInvite, data: { organizationId: 'o', candidateId: 'c', linkVersion: 3 } }],
  ],
  ['candidate.erased', { candidateId: 'c' }, [{ name: JobName.PurgeCandidateJobs, data: { organizationId: 'o', candidateId: 'c' } }]],
  [
    'candidate.replied',
    { sessionId: 's', answerId: 'a' },
    [{ name: JobName.SendCandidateReply, data: { organizationId: 'o', sessionId: 's' } }],
  ],
  [
    'session.rescheduled',
    { sessionId: 's', candidateId: 'c' },
    [{ name: JobName.SendSessionRescheduled, data: { organizationId: 'o', sessionId: 's' } }],
  ],
  ['form.failed', { sessionId: 's', formId: 'f' }, []],
  ['answer.withheld', { sessionId: 's', answerId: 'a' }, []],
  [
    'webhook.deliveries-created',
    { deliveryIds: ['d1', 'd2'] },
    [
      { name: JobName.DeliverWebhook, data: { organizationId: 'o', deliveryId: 'd1' } },
      { name: JobName.DeliverWebhook, data: { organizationId: 'o', deliveryId: 'd2' } },
    ],
  ],
  [
    'webhook.redelivery-requested',
    { deliveryId: 'd1' },
    [{ name: JobName.DeliverWebhook, data: { organizationId: 'o', deliveryId: 'd1' } }],
  ],
];

describe(routeOutboxEvent.name, () => {
  it('routes every event type the contract names, and only those', () => {
    const listed = ROUTES.map(([type]) => type).sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(Object.values<string>(OutboxEventType).sort()).toEqual(listed);
    expect([...ROUTED_EVENT_TYPES].sort()).toEqual(listed);
  });

  it.each(ROUTES)('routes %s', (type, payload, jobs) => {
    expect(routeOutboxEvent(type, 'o', payload)).toEqual(jobs);
  });

  it('leaves an unknown event alone', () => {
    expect(routeOutboxEvent('something.new', 'o', {})).toBeNull();
  });
});
