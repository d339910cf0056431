import { CandidateEntity, ERASED_NAME, ERASED_TEXT, writeOutbox } from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, IsNull } from 'typeorm';

import type { Cursor } from '../common/pagination';

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

  /**
   * Removes the candidate's personal data and every free text written about them, in one
   * transaction. Rows stay (anonymous), so dashboard counts do not change; the portal link and
   * every form link are revoked, and forms still open expire. Returns false when there is no such
   * candidate in the organization.
   *
   * Lock order: the candidate, then the sessions' answer rows, the sessions, their forms — the
   * order of everything else that writes about a candidate (lockCandidateOf, lockSessionAnswer,
   * then the form; completing a session locks it before its forms). A submission, composition,
   * release or resend in flight either commits first (and what it wrote is scrubbed below) or
   * waits, then finds the candidate erased and every link dead.
   */
  async erase(organizationId: string, candidateId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const found: unknown[] = await manager.query('SELECT 1 FROM candidates WHERE id = $1 AND organization_id = $2 FOR UPDATE', [
        candidateId,
        organizationId,
      ]);
      if (found.length === 0) return false;
      const params = [candidateId, organizationId];
      const sessions = `SELECT id FROM interview_sessions WHERE candidate_id = $1 AND organization_id = $2`;
      await manager.query(`SELECT id FROM candidate_answers WHERE session_id IN (${sessions}) ORDER BY id FOR UPDATE`, params);
      // session titles are free text too ("Final round with Ada")
      await manager.query(`UPDATE interview_sessions SET title = 'Interview' WHERE id IN (${sessions})`, params);
      // a new link version makes every form link answer GONE, answered ones too; statuses that
      // dashboards count (submitted, declined, sent_at) stay as they are
      await manager.query(
        `UPDATE feedback_forms
            SET link_version = link_version + 1,
                status = CASE WHEN status IN ('SUBMITTED', 'DECLINED') THEN status ELSE 'EXPIRED' END,
                expires_at = CASE WHEN status IN ('SUBMITTED', 'DECLINED') THEN expires_at ELSE LEAST(expires_at, now()) END
          WHERE session_id IN (${sessions})`,
        params,
      );
      // delivery rows of mails to the candidate hold their address
      await manager.query(
        `UPDATE email_deliveries SET recipient = '${ERASED_TEXT}', error = NULL
          WHERE organization_id = $2
            AND (recipient = (SELECT email FROM candidates WHERE id = $1) OR idempotency_key LIKE '%' || $1 || '%')`,
        params,
      );
      await manager.query(
        `UPDATE candidates SET name = '${ERASED_NAME}', email = 'erased-' || id || '@erased.invalid',
                portal_link_version = portal_link_version + 1, erased_at = COALESCE(erased_at, now())
          WHERE id = $1 AND organization_id = $2`,
        params,
      );
      await manager.query(
        `UPDATE feedback_responses SET strengths = '${ERASED_TEXT}', gaps = '${ERASED_TEXT}', next_steps = NULL,
                candidate_message = NULL, private_note = NULL
          WHERE session_id IN (${sessions})`,
        params,
      );
      await manager.query(
        `UPDATE criterion_ratings SET note = NULL
          WHERE response_id IN (SELECT id FROM feedback_responses WHERE session_id IN (${sessions}))`,
        params,
      );
      await manager.query(`UPDATE feedback_forms SET decline_reason = NULL, last_error = NULL WHERE session_id IN (${sessions})`, params);
      await manager.query(
        `UPDATE candidate_answers SET message = NULL, withheld_reason = NULL, helpful_comment = NULL WHERE session_id IN (${sessions})`,
        params,
      );
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.CandidateErased, { candidateId })]);
      return true;
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
