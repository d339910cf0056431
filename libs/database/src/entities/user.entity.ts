import { Column, CreateDateColumn, Entity, Index } from 'typeorm';

import { OrganizationOwnedEntity } from './organization-owned.entity';

/** A recruiter, provisioned on first use from verified JWT claims. */
@Entity({ name: 'users' })
@Index('users_org_subject_key', ['organizationId', 'subject'], { unique: true })
export class UserEntity extends OrganizationOwnedEntity {
  /** `sub` claim of the identity provider. */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
