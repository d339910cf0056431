import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { OrganizationEntity } from './organization.entity';

/**
 * The columns every tenant table starts with: a uuid id and the owning organization, which
 * cannot be deleted while it owns rows. Not an entity itself (no table); entities extend it.
 */
export abstract class OrganizationOwnedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: OrganizationEntity;
}
