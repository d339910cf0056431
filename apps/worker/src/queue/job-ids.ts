/**
 * Deterministic job ids: adding a job whose id exists is a no-op, so a repeated schedule, a
 * retried fan-out or a second worker never queues a second copy; and an erased candidate's
 * queued jobs can be found by id (BullMQ forbids ':' in custom ids).
 */
export const jobIds = {
  formInvite: (formId: string, linkVersion: number) => `form-invite-${formId}-${linkVersion}`,
  formReminder: (formId: string, linkVersion: number, index: number) => `reminder-${formId}-${linkVersion}-${index}`,
  escalation: (sessionId: string) => `escalation-${sessionId}`,
  closeFeedback: (sessionId: string) => `expire-${sessionId}`,
  answerLate: (sessionId: string) => `answer-late-${sessionId}`,
};

/** Mail idempotency keys (email_deliveries.idempotency_key): one mail per key, ever. */
export const mailKeys = {
  formInvite: (formId: string, linkVersion: number) => `form-invite:${formId}:${linkVersion}`,
  formReminder: (formId: string, linkVersion: number, index: number) => `form-reminder:${formId}:${linkVersion}:${index}`,
  escalation: (sessionId: string) => `escalation:${sessionId}`,
  answerReady: (answerId: string) => `answer-ready:${answerId}`,
  candidateReply: (answerId: string) => `candidate-reply:${answerId}`,
  answerLate: (sessionId: string) => `answer-late:${sessionId}`,
  sessionCancelled: (sessionId: string) => `session-cancelled:${sessionId}`,
  noAnswerNote: (answerId: string) => `no-answer-note:${answerId}`,
};
