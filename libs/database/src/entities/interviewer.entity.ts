import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { OrganizationEntity } from './organization.entity';

@Entity({ name: 'interviewers' })
@Index('interviewers_org_email_key', ['organizationId', 'email'], { unique: true })
@Index('interviewers_org_name_idx', ['organizationId', 'name'])
export class InterviewerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

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
