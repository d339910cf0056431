import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { InterviewSessionEntity } from './interview-session.entity';
import { OrganizationOwnedEntity } from './organization-owned.entity';

export type FitFeedbackSource = 'PORTAL' | 'RECRUITER' | 'INTERVIEWER';

/** The candidate asked the closing question for this session (at most once per session). */
@Entity({ name: 'fit_feedback_requests' })
@Index('fit_feedback_requests_session_key', ['sessionId'], { unique: true })
@Index('fit_feedback_requests_org_idx', ['organizationId', 'requestedAt'])
@Index('fit_feedback_requests_promise_due_idx', ['answerExpectedBy'], { where: '"late_notified_at" IS NULL' })
@Check('fit_feedback_requests_source_check', "source IN ('PORTAL', 'RECRUITER', 'INTERVIEWER')")
export class FitFeedbackRequestEntity extends OrganizationOwnedEntity {
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => InterviewSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: InterviewSessionEntity;

  @Column({ type: 'text' })
  source!: FitFeedbackSource;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** The date promised to the candidate when they asked (answer-promise.ts). */
  @Column({ name: 'answer_expected_by', type: 'timestamptz', nullable: true })
  answerExpectedBy!: Date | null;

  /** When the recruiter was told that the answer is late (once, at the promised date). */
  @Column({ name: 'late_notified_at', type: 'timestamptz', nullable: true })
  lateNotifiedAt!: Date | null;
}
