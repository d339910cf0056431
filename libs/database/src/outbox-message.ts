/** An event as the outbox stores it: written in the caller's transaction, relayed after commit. */
export interface OutboxMessage {
  organizationId: string;
  type: string;
  payload: object;
}
