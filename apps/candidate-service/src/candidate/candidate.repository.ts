import { CandidateEntity, eraseCandidate, writeOutbox } from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, IsNull } from 'typeorm';

import type { Cursor } from '../common/pagination';
import { lockCandidateOf } from './candidate-lock';

@Injectable()
export class CandidateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(organizationId: string, values: { name: string; email: string }): Promise<CandidateEntity> {
    return this.dataSource.getRepository(CandidateEntity).save({ organizationId, ...values });
  }

  /**
   * One row per (organization, externalId), races included: PostgreSQL's ON CONFLICT makes
   * concurrent calls wait for each other and update the one row. An erased candidate stays
   * erased: an ATS sync does not bring their personal data back.
   */
  async upsertByExternalId(organizationId: string, externalId: string, values: { name: string; email: string }): Promise<CandidateEntity> {
    await this.dataSource.query(
      `INSERT INTO candidates (organization_id, external_id, name, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, external_id) WHERE external_id IS NOT NULL
       DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email WHERE candidates.erased_at IS NULL`,
      [organizationId, externalId, values.name, values.email],
    );
    return this.dataSource.getRepository(CandidateEntity).findOneByOrFail({ organizationId, externalId });
  }

  /** Null when there is no such candidate in the organization; an erased one stays erased (CONFLICT is the service's call). */
  async update(organizationId: string, id: string, values: { name: string; email: string }): Promise<CandidateEntity | null> {
    await this.dataSource.getRepository(CandidateEntity).update({ organizationId, id, erasedAt: IsNull() }, values);
    return this.findInOrganization(organizationId, id);
  }

  /** The oldest candidate of the organization with this (already normalised) address, if any. */
  findByEmail(organizationId: string, email: string): Promise<CandidateEntity | null> {
    return this.dataSource
      .getRepository(CandidateEntity)
      .findOne({ where: { organizationId, email, erasedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findInOrganization(organizationId: string, id: string): Promise<CandidateEntity | null> {
    return this.dataSource.getRepository(CandidateEntity).findOneBy({ organizationId, id });
  }

  /** Newest first, keyset-paginated on (created_at, id); erased candidates stay listed, anonymised. */
  async page(
    organizationId: string,
    options: { search: string | null; size: number; after: Cursor | null },
  ): Promise<{ rows: CandidateEntity[]; totalCount: number }> {
    const filtered = () => {
      const query = this.dataSource
        .getRepository(CandidateEntity)
        .createQueryBuilder('c')
        .where('c.organization_id = :organizationId', { organizationId });
      if (options.search) {
        const pattern = `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query.andWhere(new Brackets((q) => q.where('c.name ILIKE :pattern', { pattern }).orWhere('c.email ILIKE :pattern', { pattern })));
      }
      return query;
    };
    const rowsQuery = filtered()
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(options.size + 1);
    if (options.after) rowsQuery.andWhere('(c.created_at, c.id) < (:at, :id)', options.after);
    const [rows, totalCount] = await Promise.all([options.size > 0 ? rowsQuery.getMany() : Promise.resolve([]), filtered().getCount()]);
    return { rows, totalCount };
  }

  /**
   * Revokes older portal links by bumping the version and announces the new link in the same
   * transaction; returns false when no such candidate exists in the organization.
   */
  async rotatePortalLink(organizationId: string, candidateId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const version = await this.bumpPortalLinkVersion(manager, organizationId, candidateId);
      if (version === null) return false;
      await writeOutbox(manager, [
        outboxMessage(organizationId, OutboxEventType.CandidatePortalLinkSent, { candidateId, linkVersion: version }),
      ]);
      return true;
    });
  }

  /** Erases the candidate (libs/database's eraseCandidate); false when there is no such candidate in the organization. */
  erase(organizationId: string, candidateId: string): Promise<boolean> {
    return this.dataSource.transaction((manager) => eraseCandidate(manager, organizationId, candidateId));
  }

  /**
   * Puts the candidate under legal hold or lifts it, recording who, when and why; the candidate row
   * is locked first, like every write about a candidate, so an erasure in flight wins or waits.
   */
  setLegalHold(
    organizationId: string,
    candidateId: string,
    change: { hold: boolean; userId: string; reason: string | null },
  ): Promise<CandidateEntity | 'ERASED' | null> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockCandidateOf(manager, organizationId, { candidateId });
      if (!locked) return null;
      if (locked.erased) return 'ERASED';
      await manager.query(
        `UPDATE candidates SET legal_hold = $3, legal_hold_by = $4, legal_hold_at = now(), legal_hold_reason = $5
          WHERE id = $1 AND organization_id = $2`,
        [candidateId, organizationId, change.hold, change.userId, change.reason],
      );
      return manager.getRepository(CandidateEntity).findOneByOrFail({ id: candidateId });
    });
  }

  private async bumpPortalLinkVersion(manager: EntityManager, organizationId: string, candidateId: string): Promise<number | null> {
    const result = await manager
      .createQueryBuilder()
      .update(CandidateEntity)
      .set({ portalLinkVersion: () => 'portal_link_version + 1' })
      .where('id = :candidateId AND organization_id = :organizationId AND erased_at IS NULL', { candidateId, organizationId })
      .returning('portal_link_version')
      .execute();
    return (result.raw as { portal_link_version: number }[])[0]?.portal_link_version ?? null;
  }
}
