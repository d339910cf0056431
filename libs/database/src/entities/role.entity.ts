import { Check, Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';

import { OrganizationOwnedEntity } from './organization-owned.entity';

export type AnswerPolicy = 'AUTO_RELEASE' | 'RECRUITER_REVIEW';

@Entity({ name: 'roles' })
@Index('roles_org_created_idx', ['organizationId', 'createdAt', 'id'])
@Check('roles_answer_policy_check', "answer_policy IN ('AUTO_RELEASE', 'RECRUITER_REVIEW')")
export class RoleEntity extends OrganizationOwnedEntity {
  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'answer_policy', type: 'text', default: 'AUTO_RELEASE' })
  answerPolicy!: AnswerPolicy;

  @Column({ name: 'next_steps', type: 'text', nullable: true })
  nextSteps!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
