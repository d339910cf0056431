import type { EntityManager } from 'typeorm';

import { OutboxEventEntity } from './entities';

export const OUTBOX_CHANNEL = 'closer_outbox';

export interface OutboxMessage {
  organizationId: string;
  type: string;
  payload: object;
}

/**
 * Records events inside the caller's transaction, so they exist exactly when the state change
 * does. NOTIFY is delivered on commit only, waking the relay without polling delay.
 */
export async function writeOutbox(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('writeOutbox must run inside a transaction');
  }
  if (messages.length === 0) return;
  await manager.insert(OutboxEventEntity, messages);
  await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
}
