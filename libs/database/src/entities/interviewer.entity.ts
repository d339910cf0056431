import { Column, CreateDateColumn, Entity, Index } from 'typeorm';

import { OrganizationOwnedEntity } from './organization-owned.entity';

@Entity({ name: 'interviewers' })
@Index('interviewers_org_email_key', ['organizationId', 'email'], { unique: true })
@Index('interviewers_org_name_idx', ['organizationId', 'name'])
export class InterviewerEntity extends OrganizationOwnedEntity {
  @Column({ type: 'text' })
  name!: string;

  /** Stored lower-case: one interviewer per address in an organization. */
  @Column({ type: 'text' })
  email!: string;

  /** The id in the organization's own system (ATS, calendar); unique per organization when set. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  /** Set while archived: history kept, no new panels. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
