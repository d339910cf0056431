import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { FeedbackFormEntity } from './feedback-form.entity';
import { InterviewSessionEntity } from './interview-session.entity';
import { InterviewerEntity } from './interviewer.entity';
import { OrganizationOwnedEntity } from './organization-owned.entity';

/** An interviewer's answer; the unique form_id makes a second submission a CONFLICT. */
@Entity({ name: 'feedback_responses' })
@Index('feedback_responses_form_key', ['formId'], { unique: true })
@Index('feedback_responses_session_idx', ['sessionId'])
@Index('feedback_responses_org_submitted_idx', ['organizationId', 'submittedAt'])
@Index('feedback_responses_interviewer_submitted_idx', ['organizationId', 'interviewerId', 'submittedAt'])
@Check('feedback_responses_overall_fit_check', 'overall_fit BETWEEN 1 AND 4')
export class FeedbackResponseEntity extends OrganizationOwnedEntity {
  @Column({ name: 'form_id', type: 'uuid' })
  formId!: string;

  @ManyToOne(() => FeedbackFormEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'form_id' })
  form?: FeedbackFormEntity;

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

  /** NOT_A_FIT = 1 … STRONG_FIT = 4 */
  @Column({ name: 'overall_fit', type: 'smallint' })
  overallFit!: number;

  @Column({ type: 'text' })
  strengths!: string;

  @Column({ type: 'text' })
  gaps!: string;

  @Column({ name: 'next_steps', type: 'text', nullable: true })
  nextSteps!: string | null;

  @Column({ name: 'candidate_message', type: 'text', nullable: true })
  candidateMessage!: string | null;

  @Column({ name: 'private_note', type: 'text', nullable: true })
  privateNote!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;
}
