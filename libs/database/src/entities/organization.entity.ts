import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'organizations' })
@Check('organizations_settings_check', 'feedback_deadline_hours BETWEEN 1 AND 8760 AND min_responses_for_answer BETWEEN 1 AND 50')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'feedback_deadline_hours', type: 'integer', default: 48 })
  feedbackDeadlineHours!: number;

  @Column({ name: 'reminder_hours', type: 'integer', array: true, default: () => "'{24,44}'" })
  reminderHours!: number[];

  @Column({ name: 'min_responses_for_answer', type: 'integer', default: 2 })
  minResponsesForAnswer!: number;

  @Column({ name: 'share_score_with_candidates', type: 'boolean', default: false })
  shareScoreWithCandidates!: boolean;

  /** Days after a candidate's last session ended until they are erased; null keeps them. */
  @Column({ name: 'retention_days', type: 'integer', nullable: true })
  retentionDays!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
