import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { OrganizationOwnedEntity } from './organization-owned.entity';
import { RoleEntity } from './role.entity';

export type CriterionKind = 'SKILL' | 'EXPERIENCE' | 'QUALITY';

/**
 * One criterion of a role's profile. Editing the profile retires criteria (retired_at) instead
 * of deleting them, so past ratings keep pointing at what they rated.
 */
@Entity({ name: 'criteria' })
@Index('criteria_role_current_idx', ['roleId', 'position'], { where: 'retired_at IS NULL' })
@Index('criteria_org_idx', ['organizationId', 'roleId'])
@Check('criteria_weight_check', 'weight BETWEEN 1 AND 5')
@Check('criteria_kind_check', "kind IN ('SKILL', 'EXPERIENCE', 'QUALITY')")
export class CriterionEntity extends OrganizationOwnedEntity {
  @Column({ name: 'role_id', type: 'uuid' })
  roleId!: string;

  @ManyToOne(() => RoleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_id' })
  role?: RoleEntity;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  kind!: CriterionKind;

  @Column({ type: 'smallint' })
  weight!: number;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
