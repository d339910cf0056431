import type { OrganizationEntity, UserEntity } from '@closer/database';

/** Who is calling: every recruiter query and mutation is scoped by `organizationId`. */
export interface Viewer {
  organizationId: string;
  organization: OrganizationEntity;
  user: UserEntity;
}
