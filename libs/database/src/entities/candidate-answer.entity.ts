import { Check, Column, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';

import { InterviewSessionEntity } from './interview-session.entity';
import { OrganizationOwnedEntity } from './organization-owned.entity';

export type AnswerStatus = 'WAITING_FOR_FEEDBACK' | 'AWAITING_REVIEW' | 'RELEASED' | 'WITHHELD';

export interface StoredProfileFit {
  criterionId: string;
  criterion: string;
  kind: 'SKILL' | 'EXPERIENCE' | 'QUALITY';
  level: 'STRENGTH' | 'MEETS' | 'PARTLY' | 'NOT_YET' | 'NOT_ASSESSED';
}

/** One wording flag as stored: its category, the words that raised it, the field they stand in. */
export interface StoredFlagDetail {
  category: string;
  excerpt: string;
  field: string;
}

/**
 * The aggregated answer for one session. Created WAITING_FOR_FEEDBACK; composed exactly once by
 * a conditional status transition, however many last responses arrive together.
 */
@Entity({ name: 'candidate_answers' })
@Index('candidate_answers_session_key', ['sessionId'], { unique: true })
@Index('candidate_answers_org_status_idx', ['organizationId', 'status'])
@Index('candidate_answers_org_released_idx', ['organizationId', 'releasedAt'])
@Check('candidate_answers_status_check', "status IN ('WAITING_FOR_FEEDBACK', 'AWAITING_REVIEW', 'RELEASED', 'WITHHELD')")
@Check('candidate_answers_fit_band_check', 'fit_band IS NULL OR fit_band BETWEEN 1 AND 4')
@Check('candidate_answers_fit_score_check', 'fit_score IS NULL OR fit_score BETWEEN 0 AND 100')
export class CandidateAnswerEntity extends OrganizationOwnedEntity {
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => InterviewSessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: InterviewSessionEntity;

  @Column({ type: 'text', default: 'WAITING_FOR_FEEDBACK' })
  status!: AnswerStatus;

  @Column({ name: 'fit_band', type: 'smallint', nullable: true })
  fitBand!: number | null;

  @Column({ name: 'fit_score', type: 'smallint', nullable: true })
  fitScore!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  profile!: StoredProfileFit[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  strengths!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  gaps!: string[];

  @Column({ name: 'next_steps', type: 'text', nullable: true })
  nextSteps!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ name: 'responses_count', type: 'integer', default: 0 })
  responsesCount!: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags!: string[];

  /** The flags with their excerpts, for the reviewer; empty on answers composed before they were kept. */
  @Column({ name: 'flag_details', type: 'jsonb', default: () => "'[]'" })
  flagDetails!: StoredFlagDetail[];

  @Column({ name: 'withheld_reason', type: 'text', nullable: true })
  withheldReason!: string | null;

  @Column({ name: 'composed_at', type: 'timestamptz', nullable: true })
  composedAt!: Date | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy!: string | null;

  @Column({ type: 'boolean', nullable: true })
  helpful!: boolean | null;

  @Column({ name: 'helpful_comment', type: 'text', nullable: true })
  helpfulComment!: string | null;

  @Column({ name: 'rated_at', type: 'timestamptz', nullable: true })
  ratedAt!: Date | null;

  /** The candidate's one reply to the released answer; shown to recruiters, never to interviewers. */
  @Column({ name: 'candidate_reply', type: 'text', nullable: true })
  candidateReply!: string | null;

  /** Wording-check categories the reply raised, for the recruiter reading it. */
  @Column({ name: 'candidate_reply_flags', type: 'text', array: true, default: () => "'{}'" })
  candidateReplyFlags!: string[];

  @Column({ name: 'candidate_replied_at', type: 'timestamptz', nullable: true })
  candidateRepliedAt!: Date | null;
  /** When the candidate was told, once, that not enough feedback could be gathered (withheld answers). */
  @Column({ name: 'candidate_notified_at', type: 'timestamptz', nullable: true })
  candidateNotifiedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
