import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { CriterionEntity } from './criterion.entity';
import { FeedbackResponseEntity } from './feedback-response.entity';
import { OrganizationEntity } from './organization.entity';

/** 1 not yet evident … 4 exceeds; null = not assessed in this session. */
@Entity({ name: 'criterion_ratings' })
@Index('criterion_ratings_org_criterion_idx', ['organizationId', 'criterionId'])
@Check('criterion_ratings_rating_check', 'rating IS NULL OR rating BETWEEN 1 AND 4')
export class CriterionRatingEntity {
  @PrimaryColumn({ name: 'response_id', type: 'uuid' })
  responseId!: string;

  @ManyToOne(() => FeedbackResponseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response?: FeedbackResponseEntity;

  @PrimaryColumn({ name: 'criterion_id', type: 'uuid' })
  criterionId!: string;

  @ManyToOne(() => CriterionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criterion_id' })
  criterion?: CriterionEntity;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;

  @Column({ type: 'smallint', nullable: true })
  rating!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
