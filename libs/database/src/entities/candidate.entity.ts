import { Column, CreateDateColumn, Entity, Index } from 'typeorm';

import { OrganizationOwnedEntity } from './organization-owned.entity';

@Entity({ name: 'candidates' })
@Index('candidates_org_created_idx', ['organizationId', 'createdAt', 'id'])
export class CandidateEntity extends OrganizationOwnedEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  /** The id in the organization's own system (ATS, calendar); unique per organization when set. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  /** Bumped when a new portal link is sent: older links stop working. */
  @Column({ name: 'portal_link_version', type: 'integer', default: 1 })
  portalLinkVersion!: number;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  /** Kept past the retention period until lifted; who, when and why are recorded. */
  @Column({ name: 'legal_hold', type: 'boolean', default: false })
  legalHold!: boolean;

  @Column({ name: 'legal_hold_by', type: 'uuid', nullable: true })
  legalHoldBy!: string | null;

  @Column({ name: 'legal_hold_at', type: 'timestamptz', nullable: true })
  legalHoldAt!: Date | null;

  @Column({ name: 'legal_hold_reason', type: 'text', nullable: true })
  legalHoldReason!: string | null;

  /** Millisecond precision: it is the keyset of the candidate list and round-trips through cursors. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
