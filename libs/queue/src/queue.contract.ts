/** Queue and job names, and what each job carries. Job data holds ids only: Redis keeps it in clear text. */
export enum QueueName {
  /** One job per mail: slow, retried with backoff. */
  Mail = 'mail',
  /** Decisions about sessions and forms: fan-out, expiry, composition, purges, the sweeper. */
  Feedback = 'feedback',
  /** One job per webhook delivery: retried with backoff for about a day. */
  Webhooks = 'webhooks',
}

export enum JobName {
  SendPortalInvite = 'send-portal-invite',
  SendFormInvite = 'send-form-invite',
  /** Delayed: one per form, link version and reminder index (`reminder-<formId>-<linkVersion>-<index>`). */
  SendFormReminder = 'send-form-reminder',
  /** Delayed: one per session (`escalation-<sessionId>`), to the recruiter who scheduled it. */
  SendEscalation = 'send-escalation',
  /** The candidate learns the new time of a rescheduled session (once per new time). */
  SendSessionRescheduled = 'send-session-rescheduled',
  /** The candidate who asked learns that their answer was released. */
  SendAnswerReady = 'send-answer-ready',
  FanOutForms = 'fan-out-forms',
  /** Delayed to feedbackDueAt (`expire-<sessionId>`): expires unanswered forms, composes the answer. */
  CloseSessionFeedback = 'close-session-feedback',
  /** The recruiter who scheduled the session reads the candidate's reply. */
  SendCandidateReply = 'send-candidate-reply',
  /** The recruiter learns that an answer missed the date promised to the candidate (`answer-late-<sessionId>`). */
  SendAnswerLate = 'send-answer-late',
  /** Removes queued mail jobs about an erased candidate. */
  PurgeCandidateJobs = 'purge-candidate-jobs',
  /** The candidate of a cancelled session is told, once. */
  SendSessionCancelled = 'send-session-cancelled',
  /** The candidate of a withheld answer is told, once, that not enough feedback could be gathered. */
  SendNoAnswerNote = 'send-no-answer-note',
  /** Periodic (job scheduler): completes, expires, composes and re-enqueues whatever a lost job left behind. */
  Sweep = 'sweep',
  /** One per webhook delivery (and one more per redelivery): signs and POSTs the stored event. */
  DeliverWebhook = 'deliver-webhook',
}

export interface JobPayloads {
  [JobName.SendPortalInvite]: { organizationId: string; candidateId: string; linkVersion: number };
  [JobName.SendFormInvite]: { organizationId: string; formId: string; linkVersion: number };
  /** `index` is the position in the organization's reminderHours. */
  [JobName.SendFormReminder]: { organizationId: string; formId: string; linkVersion: number; index: number };
  [JobName.SendEscalation]: { organizationId: string; sessionId: string };
  [JobName.SendAnswerReady]: { organizationId: string; sessionId: string };
  [JobName.SendSessionRescheduled]: { organizationId: string; sessionId: string };
  [JobName.SendCandidateReply]: { organizationId: string; sessionId: string };
  [JobName.SendAnswerLate]: { organizationId: string; sessionId: string };
  [JobName.FanOutForms]: { organizationId: string; sessionId: string };
  [JobName.CloseSessionFeedback]: { organizationId: string; sessionId: string };
  [JobName.PurgeCandidateJobs]: { organizationId: string; candidateId: string };
  [JobName.SendSessionCancelled]: { organizationId: string; sessionId: string };
  [JobName.SendNoAnswerNote]: { organizationId: string; sessionId: string; answerId: string };
  [JobName.Sweep]: Record<string, never>;
  [JobName.DeliverWebhook]: { organizationId: string; deliveryId: string };
}

export const JOB_QUEUE = {
  [JobName.SendPortalInvite]: QueueName.Mail,
  [JobName.SendFormInvite]: QueueName.Mail,
  [JobName.SendFormReminder]: QueueName.Mail,
  [JobName.SendEscalation]: QueueName.Mail,
  [JobName.SendAnswerReady]: QueueName.Mail,
  [JobName.SendSessionRescheduled]: QueueName.Mail,
  [JobName.SendCandidateReply]: QueueName.Mail,
  [JobName.SendAnswerLate]: QueueName.Mail,
  [JobName.FanOutForms]: QueueName.Feedback,
  [JobName.CloseSessionFeedback]: QueueName.Feedback,
  [JobName.PurgeCandidateJobs]: QueueName.Feedback,
  [JobName.SendSessionCancelled]: QueueName.Mail,
  [JobName.SendNoAnswerNote]: QueueName.Mail,
  [JobName.Sweep]: QueueName.Feedback,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
} as const satisfies { [J in JobName]: QueueName };

/** Events the candidate service writes to the outbox in the same transaction as the change. */
export enum OutboxEventType {
  /** A session was scheduled: the candidate gets their portal link. */
  SessionScheduled = 'session.scheduled',
  /** A session ended: one form per interviewer goes out. */
  SessionCompleted = 'session.completed',
  SessionCancelled = 'session.cancelled',
  /** An upsert by externalId moved a session that had not started: the candidate is told the new time. */
  SessionRescheduled = 'session.rescheduled',
  /** A form was answered: the answer may now be composable. */
  FeedbackSubmitted = 'feedback.submitted',
  FeedbackDeclined = 'feedback.declined',
  /** The candidate asked how well they fit: a released answer is mailed at once. */
  FitFeedbackRequested = 'fit-feedback.requested',
  AnswerComposed = 'answer.composed',
  AnswerReleased = 'answer.released',
  FormResent = 'form.resent',
  CandidatePortalLinkSent = 'candidate.portal-link-sent',
  CandidateErased = 'candidate.erased',
  /** A form's invitation could not be delivered (a permanent refusal). */
  FormFailed = 'form.failed',
  AnswerWithheld = 'answer.withheld',
  /** Webhook delivery rows were written with the event that caused them: each is sent by one job. */
  WebhookDeliveriesCreated = 'webhook.deliveries-created',
  /** An admin asked for a delivery to be sent again. */
  WebhookRedeliveryRequested = 'webhook.redelivery-requested',
  /** The candidate replied to their released answer: the recruiter who scheduled the session is mailed. */
  CandidateReplied = 'candidate.replied',
  /** An interviewer joined a completed session's panel: their form goes out. */
  SessionInterviewerAdded = 'session.interviewer-added',
  /** A recruiter chose to tell the candidate of a withheld answer that not enough feedback could be gathered. */
  CandidateToldNoAnswer = 'answer.candidate-told-no-answer',
}

export interface OutboxPayloads {
  [OutboxEventType.SessionScheduled]: { sessionId: string; candidateId: string; linkVersion: number };
  [OutboxEventType.SessionCompleted]: { sessionId: string };
  [OutboxEventType.SessionCancelled]: { sessionId: string };
  [OutboxEventType.SessionRescheduled]: { sessionId: string; candidateId: string };
  [OutboxEventType.FeedbackSubmitted]: { sessionId: string; formId: string };
  [OutboxEventType.FeedbackDeclined]: { sessionId: string; formId: string };
  [OutboxEventType.FitFeedbackRequested]: { sessionId: string };
  [OutboxEventType.AnswerComposed]: { sessionId: string; answerId: string };
  [OutboxEventType.AnswerReleased]: { sessionId: string; answerId: string };
  [OutboxEventType.FormResent]: { sessionId: string; formId: string; linkVersion: number };
  [OutboxEventType.CandidatePortalLinkSent]: { candidateId: string; linkVersion: number };
  [OutboxEventType.CandidateErased]: { candidateId: string };
  [OutboxEventType.FormFailed]: { sessionId: string; formId: string };
  [OutboxEventType.AnswerWithheld]: { sessionId: string; answerId: string };
  [OutboxEventType.WebhookDeliveriesCreated]: { deliveryIds: string[] };
  [OutboxEventType.WebhookRedeliveryRequested]: { deliveryId: string };
  [OutboxEventType.CandidateReplied]: { sessionId: string; answerId: string };
  [OutboxEventType.SessionInterviewerAdded]: { sessionId: string; formId: string };
  [OutboxEventType.CandidateToldNoAnswer]: { sessionId: string; answerId: string };
}

export type OutboxEvent<T extends OutboxEventType = OutboxEventType> = { type: T; payload: OutboxPayloads[T] };

/** Builds a typed outbox message for libs/database's writeOutbox. */
export function outboxMessage<T extends OutboxEventType>(organizationId: string, type: T, payload: OutboxPayloads[T]) {
  return { organizationId, type, payload };
}
