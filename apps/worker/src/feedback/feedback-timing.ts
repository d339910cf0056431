/**
 * When reminders, the escalation and the deadline fall. An "hour" is CLOSER_HOUR_MS (config.hourMs).
 * The sweeper repeats these rules in SQL (sweeper.service.ts): change both together.
 */

export interface ReminderTime {
  /** Position in the organization's reminderHours: part of the job id and the mail key. */
  index: number;
  hours: number;
  at: Date;
}

/**
 * The reminders of one form sent at `sentAt`, earliest first. Reminders count from the moment
 * the invitation (of this link version) went out; one falling at or after the deadline
 * (feedbackDeadlineHours) or at or after the form's own expiry would arrive too late to help
 * and is skipped.
 */
export function reminderTimes(input: {
  sentAt: Date;
  reminderHours: readonly number[];
  deadlineHours: number;
  expiresAt: Date | null;
  hourMs: number;
}): ReminderTime[] {
  return input.reminderHours
    .map((hours, index) => ({ index, hours, at: new Date(input.sentAt.getTime() + hours * input.hourMs) }))
    .filter((reminder) => reminder.hours < input.deadlineHours)
    .filter((reminder) => input.expiresAt === null || reminder.at.getTime() < input.expiresAt.getTime())
    .sort((a, b) => a.hours - b.hours || a.index - b.index);
}

/**
 * Hours after completion when the recruiter hears about overdue forms: halfway between the last
 * reminder and the deadline, so the last reminder had time to work and the recruiter still has
 * time to chase; with no reminders, at three quarters of the deadline.
 */
export function escalationOffsetHours(reminderHours: readonly number[], deadlineHours: number): number {
  const useful = reminderHours.filter((hours) => hours < deadlineHours);
  if (useful.length === 0) return 0.75 * deadlineHours;
  return (Math.max(...useful) + deadlineHours) / 2;
}

export function escalationAt(completedAt: Date, reminderHours: readonly number[], deadlineHours: number, hourMs: number): Date {
  return new Date(completedAt.getTime() + escalationOffsetHours(reminderHours, deadlineHours) * hourMs);
}

/** Milliseconds from `now` until `at`, never negative. */
export function delayUntil(at: Date, now = Date.now()): number {
  return Math.max(0, at.getTime() - now);
}

/** The reminders of a form sent at `sentAt`, by its organization's settings. */
export function sentFormReminderTimes(
  form: { sentAt: Date; reminderHours: readonly number[]; feedbackDeadlineHours: number; expiresAt: Date | null },
  hourMs: number,
): ReminderTime[] {
  return reminderTimes({
    sentAt: form.sentAt,
    reminderHours: form.reminderHours,
    deadlineHours: form.feedbackDeadlineHours,
    expiresAt: form.expiresAt,
    hourMs,
  });
}
