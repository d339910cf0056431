/**
 * A delayed job that ran before its time (clock skew between hosts, or settings that moved the
 * time later): the processor puts it back in the delayed set until `dueAt` instead of dropping it.
 */
export class NotYetDueError extends Error {
  constructor(readonly dueAt: Date) {
    super(`not due before ${dueAt.toISOString()}`);
    this.name = 'NotYetDueError';
  }
}
