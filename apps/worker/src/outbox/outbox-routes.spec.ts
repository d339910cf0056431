import { JobName, OutboxEventType } from '@closer/queue';

import { ROUTED_EVENT_TYPES, routeOutboxEvent } from './outbox-routes';

describe(routeOutboxEvent.name, () => {
  it('knows every event the candidate service writes', () => {
    expect([...ROUTED_EVENT_TYPES].sort()).toEqual(Object.values(OutboxEventType).sort());
  });

  it.each([
    [OutboxEventType.SessionCompleted, { sessionId: 's' }, [{ name: JobName.FanOutForms, data: { organizationId: 'o', sessionId: 's' } }]],
    [
      OutboxEventType.FormResent,
      { sessionId: 's', formId: 'f', linkVersion: 2 },
      [{ name: JobName.SendFormInvite, data: { organizationId: 'o', formId: 'f', linkVersion: 2 } }],
    ],
    [
      OutboxEventType.AnswerReleased,
      { sessionId: 's', answerId: 'a' },
      [{ name: JobName.SendAnswerReady, data: { organizationId: 'o', sessionId: 's' } }],
    ],
    [
      OutboxEventType.FitFeedbackRequested,
      { sessionId: 's' },
      [{ name: JobName.SendAnswerReady, data: { organizationId: 'o', sessionId: 's' } }],
    ],
    [
      OutboxEventType.CandidateErased,
      { candidateId: 'c' },
      [{ name: JobName.PurgeCandidateJobs, data: { organizationId: 'o', candidateId: 'c' } }],
    ],
    [OutboxEventType.FeedbackSubmitted, { sessionId: 's', formId: 'f' }, []],
    [OutboxEventType.SessionCancelled, { sessionId: 's' }, []],
    [
      OutboxEventType.SessionRescheduled,
      { sessionId: 's', candidateId: 'c' },
      [{ name: JobName.SendSessionRescheduled, data: { organizationId: 'o', sessionId: 's' } }],
    ],
    [
      OutboxEventType.WebhookDeliveriesCreated,
      { deliveryIds: ['d1', 'd2'] },
      [
        { name: JobName.DeliverWebhook, data: { organizationId: 'o', deliveryId: 'd1' } },
        { name: JobName.DeliverWebhook, data: { organizationId: 'o', deliveryId: 'd2' } },
      ],
    ],
    [
      OutboxEventType.WebhookRedeliveryRequested,
      { deliveryId: 'd1' },
      [{ name: JobName.DeliverWebhook, data: { organizationId: 'o', deliveryId: 'd1' } }],
    ],
    [OutboxEventType.FormFailed, { sessionId: 's', formId: 'f' }, []],
    [OutboxEventType.AnswerWithheld, { sessionId: 's', answerId: 'a' }, []],
  ])('routes %s', (type, payload, jobs) => {
    expect(routeOutboxEvent(type, 'o', payload)).toEqual(jobs);
  });

  it('leaves an unknown event alone', () => {
    expect(routeOutboxEvent('something.new', 'o', {})).toBeNull();
  });
});
