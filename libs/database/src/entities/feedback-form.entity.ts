import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { InterviewSessionEntity } from './interview-session.entity';
import { InterviewerEntity } from './interviewer.entity';
import { OrganizationOwnedEntity } from './organization-owned.entity';

export type FormStatus = 'PENDING' | 'SENT' | 'OPENED' | 'SUBMITTED' | 'DECLINED' | 'EXPIRED' | 'FAILED';

/**
 * One per interviewer per session: the panel is the set of forms. PENDING until the session
 * completes and the invitation goes out.
 */
@Entity({ name: 'feedback_forms' })
@Index('feedback_forms_session_interviewer_key', ['sessionId', 'interviewerId'], { unique: true })
@Index('feedback_forms_org_interviewer_idx', ['organizationId', 'interviewerId'])
@Index('feedback_forms_open_expiry_idx', ['expiresAt'], { where: "status IN ('PENDING', 'SENT', 'OPENED')" })
@Check('feedback_forms_status_check', "status IN ('PENDING', 'SENT', 'OPENED', 'SUBMITTED', 'DECLINED', 'EXPIRED', 'FAILED')")
@Check('feedback_forms_link_version_check', 'link_version >= 1')
@Check('feedback_forms_reminders_check', 'reminders_sent >= 0')
export class FeedbackFormEntity extends OrganizationOwnedEntity {
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => InterviewSessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: InterviewSessionEntity;

  @Column({ name: 'interviewer_id', type: 'uuid' })
  interviewerId!: string;

  @ManyToOne(() => InterviewerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'interviewer_id' })
  interviewer?: InterviewerEntity;

  @Column({ type: 'text', default: 'PENDING' })
  status!: FormStatus;

  /** Part of the link token: bumping it (re-send) revokes the old link. */
  @Column({ name: 'link_version', type: 'integer', default: 1 })
  linkVersion!: number;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true })
  declinedAt!: Date | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'reminders_sent', type: 'integer', default: 0 })
  remindersSent!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
