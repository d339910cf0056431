import {
  CandidateAnswerEntity,
  CandidateEntity,
  FitFeedbackRequestEntity,
  InterviewSessionEntity,
  promiseAnswerDate,
  writeOutbox,
} from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';

import { lockCandidateOf } from '../candidate/candidate-lock';

/** CANDIDATE_GONE: erased after their token was checked. */
export type FitRequestOutcome = 'RECORDED' | 'ALREADY_RECORDED' | 'SESSION_CANCELLED' | 'SESSION_NOT_FOUND' | 'CANDIDATE_GONE';
export type RateOutcome = 'RATED' | 'NO_ANSWER' | 'CANDIDATE_GONE';
export type ReplyOutcome = 'REPLIED' | 'ALREADY_REPLIED' | 'NO_ANSWER' | 'CANDIDATE_GONE';

/** What the portal reads and writes; the candidate (resolved from the token) scopes every query. */
@Injectable()
export class PortalRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The candidate with their organization (whose settings decide what the portal shows). */
  findCandidate(id: string): Promise<CandidateEntity | null> {
    return this.dataSource.getRepository(CandidateEntity).findOne({ where: { id }, relations: { organization: true } });
  }

  /** The candidate's sessions with their roles, newest first. */
  sessionsOf(candidate: CandidateEntity): Promise<InterviewSessionEntity[]> {
    return this.dataSource.getRepository(InterviewSessionEntity).find({
      where: { candidateId: candidate.id, organizationId: candidate.organizationId },
      relations: { role: true },
      order: { startsAt: 'DESC', id: 'DESC' },
    });
  }

  findSession(candidate: CandidateEntity, sessionId: string): Promise<InterviewSessionEntity | null> {
    return this.dataSource.getRepository(InterviewSessionEntity).findOne({
      where: { id: sessionId, candidateId: candidate.id, organizationId: candidate.organizationId },
      relations: { role: true },
    });
  }

  async requestsBySession(sessionIds: string[]): Promise<Map<string, FitFeedbackRequestEntity>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(FitFeedbackRequestEntity).findBy({ sessionId: In(sessionIds) });
    return new Map(rows.map((row) => [row.sessionId, row]));
  }

  /** Only RELEASED answers are ever read for the portal: nothing in review can leak from here. */
  async releasedAnswersBySession(sessionIds: string[]): Promise<Map<string, CandidateAnswerEntity>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(CandidateAnswerEntity).findBy({ sessionId: In(sessionIds), status: 'RELEASED' });
    return new Map(rows.map((row) => [row.sessionId, row]));
  }

  /** Sessions whose answer was withheld: only the fact is read, never the reason or any content. */
  async withheldSessionIds(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(CandidateAnswerEntity)
      .find({ select: { sessionId: true }, where: { sessionId: In(sessionIds), status: 'WITHHELD' } });
    return new Set(rows.map((row) => row.sessionId));
  }

  /**
   * Records the candidate's request once per session, announcing it only when it is new. The
   * session row is share-locked so a concurrent cancellation is either seen or waits for us.
   */
  recordFitRequest(candidate: CandidateEntity, sessionId: string, hourMs: number): Promise<FitRequestOutcome> {
    return this.dataSource.transaction(async (manager) => {
      if (await this.erased(manager, candidate)) return 'CANDIDATE_GONE';
      const session = await manager.getRepository(InterviewSessionEntity).findOne({
        where: { id: sessionId, candidateId: candidate.id, organizationId: candidate.organizationId },
        lock: { mode: 'pessimistic_read' },
      });
      if (!session) return 'SESSION_NOT_FOUND';
      if (session.status === 'CANCELLED') return 'SESSION_CANCELLED';
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(FitFeedbackRequestEntity)
        .values({ organizationId: candidate.organizationId, sessionId, source: 'PORTAL' })
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return 'ALREADY_RECORDED';
      await promiseAnswerDate(manager, sessionId, hourMs);
      await writeOutbox(manager, [outboxMessage(candidate.organizationId, OutboxEventType.FitFeedbackRequested, { sessionId })]);
      return 'RECORDED';
    });
  }

  /**
   * Stores the candidate's verdict on an answer they can see (released, and they asked) in one
   * conditional update; NO_ANSWER when there is no such answer. Rating again overwrites.
   */
  rate(candidate: CandidateEntity, sessionId: string, helpful: boolean, comment: string | null): Promise<RateOutcome> {
    return this.dataSource.transaction(async (manager) => {
      if (await this.erased(manager, candidate)) return 'CANDIDATE_GONE';
      const result = await manager
        .createQueryBuilder()
        .update(CandidateAnswerEntity)
        .set({ helpful, helpfulComment: comment, ratedAt: () => 'now()' })
        .where(
          `session_id = :sessionId AND organization_id = :organizationId AND status = 'RELEASED'
           AND EXISTS (SELECT 1 FROM fit_feedback_requests r WHERE r.session_id = candidate_answers.session_id)`,
          { sessionId, organizationId: candidate.organizationId },
        )
        .returning('id')
        .execute();
      return (result.raw as unknown[]).length > 0 ? 'RATED' : 'NO_ANSWER';
    });
  }

  /**
   * Stores the candidate's one reply to an answer they can see (released, and they asked), and
   * announces it (the recruiter is mailed) in the same transaction. The conditional update is the
   * only writer of the reply, so two replies racing leave one, and the loser learns it was second.
   */
  reply(candidate: CandidateEntity, sessionId: string, text: string, flags: string[]): Promise<ReplyOutcome> {
    return this.dataSource.transaction(async (manager) => {
      if (await this.erased(manager, candidate)) return 'CANDIDATE_GONE';
      const replied = await manager.query<[{ id: string }[], number]>(
        `UPDATE candidate_answers a
            SET candidate_reply = $3, candidate_reply_flags = $4, candidate_replied_at = now()
          WHERE a.session_id = $1 AND a.organization_id = $2 AND a.status = 'RELEASED' AND a.candidate_reply IS NULL
            AND EXISTS (SELECT 1 FROM fit_feedback_requests r WHERE r.session_id = a.session_id)
        RETURNING a.id`,
        [sessionId, candidate.organizationId, text, flags],
      );
      const answerId = replied[0][0]?.id;
      if (answerId) {
        await writeOutbox(manager, [outboxMessage(candidate.organizationId, OutboxEventType.CandidateReplied, { sessionId, answerId })]);
        return 'REPLIED';
      }
      const [existing] = await manager.query<{ replied: boolean }[]>(
        `SELECT candidate_reply IS NOT NULL AS replied FROM candidate_answers WHERE session_id = $1 AND organization_id = $2`,
        [sessionId, candidate.organizationId],
      );
      return existing?.replied ? 'ALREADY_REPLIED' : 'NO_ANSWER';
    });
  }

  /** The token was checked before this transaction: an erasure since then must still win. */
  private async erased(manager: EntityManager, candidate: CandidateEntity): Promise<boolean> {
    const locked = await lockCandidateOf(manager, candidate.organizationId, { candidateId: candidate.id });
    return !locked || locked.erased;
  }
}
