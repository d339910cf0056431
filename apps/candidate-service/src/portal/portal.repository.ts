import { CandidateAnswerEntity, CandidateEntity, FitFeedbackRequestEntity, InterviewSessionEntity, writeOutbox } from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';

export type FitRequestOutcome = 'RECORDED' | 'ALREADY_RECORDED' | 'SESSION_CANCELLED' | 'SESSION_NOT_FOUND';

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

  async requestedSessionIds(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(FitFeedbackRequestEntity)
      .find({ select: { sessionId: true }, where: { sessionId: In(sessionIds) } });
    return new Set(rows.map((row) => row.sessionId));
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
  recordFitRequest(candidate: CandidateEntity, sessionId: string): Promise<FitRequestOutcome> {
    return this.dataSource.transaction(async (manager) => {
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
      await writeOutbox(manager, [outboxMessage(candidate.organizationId, OutboxEventType.FitFeedbackRequested, { sessionId })]);
      return 'RECORDED';
    });
  }

  /**
   * Stores the candidate's verdict on an answer they can see (released, and they asked) in one
   * conditional update; false when there is no such answer. Rating again overwrites.
   */
  async rate(organizationId: string, sessionId: string, helpful: boolean, comment: string | null): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(CandidateAnswerEntity)
      .set({ helpful, helpfulComment: comment, ratedAt: () => 'now()' })
      .where(
        `session_id = :sessionId AND organization_id = :organizationId AND status = 'RELEASED'
         AND EXISTS (SELECT 1 FROM fit_feedback_requests r WHERE r.session_id = candidate_answers.session_id)`,
        { sessionId, organizationId },
      )
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
