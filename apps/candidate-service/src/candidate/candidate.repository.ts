import { CandidateEntity, writeOutbox } from '@closer/database';
import { OutboxEventType, OutboxPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class CandidateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(organizationId: string, values: { name: string; email: string }): Promise<CandidateEntity> {
    return this.dataSource.getRepository(CandidateEntity).save({ organizationId, ...values });
  }

  findInOrganization(organizationId: string, id: string): Promise<CandidateEntity | null> {
    return this.dataSource.getRepository(CandidateEntity).findOneBy({ organizationId, id });
  }

  /**
   * Revokes older portal links by bumping the version and announces the new link in the same
   * transaction; returns false when no such candidate exists in the organization.
   */
  async rotatePortalLink(organizationId: string, candidateId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(CandidateEntity)
        .set({ portalLinkVersion: () => 'portal_link_version + 1' })
        .where('id = :candidateId AND organization_id = :organizationId AND erased_at IS NULL', { candidateId, organizationId })
        .returning('portal_link_version')
        .execute();
      const row = (result.raw as { portal_link_version: number }[])[0];
      if (!row) return false;
      const payload: OutboxPayloads[OutboxEventType.CandidatePortalLinkSent] = { candidateId, linkVersion: row.portal_link_version };
      await writeOutbox(manager, [{ organizationId, type: OutboxEventType.CandidatePortalLinkSent, payload }]);
      return true;
    });
  }
}
