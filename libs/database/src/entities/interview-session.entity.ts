import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { CandidateEntity } from './candidate.entity';
import { OrganizationOwnedEntity } from './organization-owned.entity';
import { RoleEntity } from './role.entity';
import { UserEntity } from './user.entity';

export type SessionStatus = 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';

@Entity({ name: 'interview_sessions' })
@Index('sessions_org_starts_idx', ['organizationId', 'startsAt', 'id'])
@Index('sessions_candidate_idx', ['candidateId', 'startsAt'])
@Index('sessions_org_role_completed_idx', ['organizationId', 'roleId', 'completedAt'])
@Index('sessions_org_completed_idx', ['organizationId', 'completedAt'])
@Index('sessions_due_to_complete_idx', ['endsAt'], { where: "status = 'SCHEDULED'" })
@Check('sessions_status_check', "status IN ('SCHEDULED', 'COMPLETED', 'CANCELLED')")
@Check('sessions_time_check', 'ends_at > starts_at')
@Check('sessions_completed_check', "(status = 'COMPLETED') = (completed_at IS NOT NULL)")
export class InterviewSessionEntity extends OrganizationOwnedEntity {
  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => CandidateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: CandidateEntity;

  @Column({ name: 'role_id', type: 'uuid' })
  roleId!: string;

  @ManyToOne(() => RoleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_id' })
  role?: RoleEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text', default: 'SCHEDULED' })
  status!: SessionStatus;

  /** The id in the organization's own system (ATS, calendar); unique per organization when set. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'feedback_due_at', type: 'timestamptz', nullable: true })
  feedbackDueAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  /** The recruiter who scheduled it: escalations about overdue forms go to them. */
  @Column({ name: 'scheduled_by', type: 'uuid', nullable: true })
  scheduledBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'scheduled_by' })
  scheduler?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
