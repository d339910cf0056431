import {
  AnswerStatus,
  CandidateAnswerEntity,
  type HandReleaseOutcome,
  releaseWithheldAnswer,
  type StoredFlagDetail,
  writeOutbox,
} from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, type QueryDeepPartialEntity } from 'typeorm';

import { candidateErased, lockCandidateOf } from '../candidate/candidate-lock';

@Injectable()
export class AnswerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findInOrganization(organizationId: string, id: string): Promise<CandidateAnswerEntity | null> {
    return this.dataSource.getRepository(CandidateAnswerEntity).findOneBy({ organizationId, id });
  }

  /**
   * AWAITING_REVIEW → RELEASED as one conditional update, announced in the same transaction:
   * of two concurrent releases exactly one matches the row. Null when nothing matched; CONFLICT
   * when the candidate was erased. An edited message replaces the composed one, and its wording
   * flags replace the composed message's (the other fields' flags stay), so `flags` and
   * `flagDetails` describe the text as released.
   */
  release(
    organizationId: string,
    id: string,
    releasedBy: string,
    edit: { message: string; flagDetails: StoredFlagDetail[] } | null,
  ): Promise<CandidateAnswerEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const sessionId = await this.transition(
        manager,
        organizationId,
        id,
        ['AWAITING_REVIEW'],
        {
          status: 'RELEASED',
          releasedAt: () => 'now()',
          releasedBy,
          ...(edit === null
            ? {}
            : {
                message: edit.message,
                flagDetails: () =>
                  `(SELECT COALESCE(jsonb_agg(detail), '[]'::jsonb) FROM jsonb_array_elements(flag_details) detail WHERE detail->>'field' <> 'message') || CAST(:editFlagDetails AS jsonb)`,
              }),
        },
        edit === null ? {} : { editFlagDetails: JSON.stringify(edit.flagDetails) },
      );
      if (sessionId === null) return null;
      if (edit !== null) {
        // flags follows flag_details as just written (same transaction, the row is locked by the update)
        await manager.query(
          `UPDATE candidate_answers
              SET flags = ARRAY(SELECT DISTINCT detail->>'category' FROM jsonb_array_elements(flag_details) detail ORDER BY 1)
            WHERE id = $1`,
          [id],
        );
      }
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.AnswerReleased, { sessionId, answerId: id })]);
      return manager.findOneByOrFail(CandidateAnswerEntity, { id });
    });
  }

  /**
   * AWAITING_REVIEW or WAITING_FOR_FEEDBACK → WITHHELD, announced in the same transaction; null when
   * nothing matched; CONFLICT when the candidate was erased.
   */
  withhold(organizationId: string, id: string, reason: string): Promise<CandidateAnswerEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const sessionId = await this.transition(manager, organizationId, id, ['AWAITING_REVIEW', 'WAITING_FOR_FEEDBACK'], {
        status: 'WITHHELD',
        withheldReason: reason,
      });
      if (sessionId === null) return null;
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.AnswerWithheld, { sessionId, answerId: id })]);
      return manager.findOneByOrFail(CandidateAnswerEntity, { id });
    });
  }

  /** WITHHELD → RELEASED with the recruiter's message (libs/database's releaseWithheldAnswer). */
  releaseWithheld(organizationId: string, id: string, releasedBy: string, message: string): Promise<HandReleaseOutcome> {
    return this.dataSource.transaction((manager) => releaseWithheldAnswer(manager, { organizationId, answerId: id, message, releasedBy }));
  }

  /**
   * Marks a withheld answer's candidate as told and announces it, in one transaction, only the
   * first time: the outbox event (and so the mail) exists exactly once. Null when nothing matched.
   */
  notifyCandidate(organizationId: string, id: string): Promise<CandidateAnswerEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<[{ session_id: string }[], number]>(
        `UPDATE candidate_answers a SET candidate_notified_at = now()
          WHERE a.id = $1 AND a.organization_id = $2 AND a.status = 'WITHHELD' AND a.candidate_notified_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM interview_sessions s JOIN candidates c ON c.id = s.candidate_id
                             WHERE s.id = a.session_id AND c.erased_at IS NOT NULL)
      RETURNING a.session_id`,
        [id, organizationId],
      );
      const sessionId = rows[0][0]?.session_id;
      if (!sessionId) return null;
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.CandidateToldNoAnswer, { sessionId, answerId: id })]);
      return manager.findOneByOrFail(CandidateAnswerEntity, { id });
    });
  }

  /** Returns the answer's session id when the row was in one of `from` and got updated. */
  private async transition(
    manager: EntityManager,
    organizationId: string,
    id: string,
    from: AnswerStatus[],
    set: QueryDeepPartialEntity<CandidateAnswerEntity>,
    parameters: Record<string, unknown> = {},
  ): Promise<string | null> {
    // nothing new is written about an erased candidate, a recruiter's message or reason included
    const candidate = await lockCandidateOf(manager, organizationId, { answerId: id });
    if (!candidate) return null;
    if (candidate.erased) throw candidateErased();
    const result = await manager
      .createQueryBuilder()
      .update(CandidateAnswerEntity)
      .set(set)
      .where('id = :id AND organization_id = :organizationId AND status IN (:...from)', { id, organizationId, from })
      .setParameters(parameters)
      .returning('session_id')
      .execute();
    const row = (result.raw as { session_id: string }[])[0];
    return row ? row.session_id : null;
  }
}
