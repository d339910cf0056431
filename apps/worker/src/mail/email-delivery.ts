import type { EntityManager } from 'typeorm';

/** A mail's row in email_deliveries: what was sent (or refused) under an idempotency key. */
export interface DeliveryRecord {
  organizationId: string;
  idempotencyKey: string;
  kind: string;
  recipient: string;
  messageId: string;
  status: 'SENT' | 'FAILED';
  error: string | null;
}

/**
 * The delivery row's INSERT with its values numbered from `$first`, so that a caller can record
 * the delivery in the same statement (and commit) as what the mail's sending changes.
 */
export function insertDelivery(first: number): string {
  const values = Array.from({ length: 7 }, (_, index) => `$${first + index}`).join(', ');
  return `INSERT INTO email_deliveries (organization_id, idempotency_key, kind, recipient, message_id, status, error)
       VALUES (${values}) ON CONFLICT (idempotency_key) DO NOTHING`;
}

/** The values of insertDelivery, in its order. */
export function deliveryValues(delivery: DeliveryRecord): unknown[] {
  const { organizationId, idempotencyKey, kind, recipient, messageId, status, error } = delivery;
  return [organizationId, idempotencyKey, kind, recipient, messageId, status, error];
}

/** Records a sent mail's delivery row through `manager`, in place of the plain INSERT (with more in the same statement). */
export type RecordSent = (delivery: DeliveryRecord, manager: EntityManager) => Promise<void>;
