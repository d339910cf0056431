import { Check, Column, CreateDateColumn, Entity } from 'typeorm';

import { OrganizationOwnedEntity } from './organization-owned.entity';

/** One row per mail ever sent: the unique idempotency key makes a retried job a no-op. */
@Entity({ name: 'email_deliveries' })
@Check('email_deliveries_status_check', "status IN ('SENT', 'FAILED')")
export class EmailDeliveryEntity extends OrganizationOwnedEntity {
  @Column({ name: 'idempotency_key', type: 'text', unique: true })
  idempotencyKey!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ type: 'text' })
  status!: 'SENT' | 'FAILED';

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
