/**
 * A failure no retry can fix: the job fails at once instead of retrying. A job's error is kept in
 * Redis (failedReason, stacktrace, the events stream) long after the people it names may be
 * erased, so only `storedReason` goes there; the full message is for the code that caught it.
 */
export class PermanentJobError extends Error {
  constructor(
    message: string,
    readonly storedReason: string = message,
  ) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
