import {
  type AnswerStatus,
  CandidateAnswerEntity,
  CandidateEntity,
  completeSessions,
  CriterionEntity,
  FeedbackFormEntity,
  FitFeedbackRequestEntity,
  InterviewerEntity,
  InterviewSessionEntity,
  lockSessionAnswer,
  promiseAnswerDate,
  reopenWithheldAnswer,
  RoleEntity,
  type SessionStatus,
  writeOutbox,
} from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';

import { candidateErased, lockCandidateOf } from '../candidate/candidate-lock';
import type { Cursor } from '../common/pagination';
import { ReadReplica } from '../common/read-replica';

export interface SessionDraft {
  candidateId: string;
  roleId: string;
  /** Distinct, lower-case; the panel keeps this order. */
  interviewerIds: string[];
  title: string;
  startsAt: Date;
  endsAt: Date;
  scheduledBy: string;
}

/** What a schedule refers to, as found inside the scheduling transaction. */
export interface SchedulingReferences {
  candidate: Pick<CandidateEntity, 'id' | 'portalLinkVersion' | 'erasedAt'> | null;
  role: Pick<RoleEntity, 'id'> | null;
  currentCriteria: number;
  /** The subset of the requested interviewer ids that exist in the organization. */
  interviewerIds: Set<string>;
  /** Those of them that are archived (no new panels). */
  archivedInterviewerIds: Set<string>;
}

export interface SessionListQuery {
  roleId?: string;
  candidateId?: string;
  status?: SessionStatus;
  answerStatus?: AnswerStatus;
  after: Cursor | null;
  /** Rows to fetch: the page size plus one to learn whether there is more. */
  limit: number;
}

/** What adding an interviewer to a session depends on, as found under the answer-row lock. */
export interface AddInterviewerReferences {
  session: InterviewSessionEntity;
  interviewerFound: boolean;
  onPanel: boolean;
  candidateErased: boolean;
  answerStatus: AnswerStatus | null;
  answerComposed: boolean;
}

/** Outcome of a conditional status transition. */
export type Transition = { session: InterviewSessionEntity; changed: boolean } | null;

@Injectable()
export class SessionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadReplica,
  ) {}

  findInOrganization(organizationId: string, id: string): Promise<InterviewSessionEntity | null> {
    return this.dataSource.getRepository(InterviewSessionEntity).findOneBy({ organizationId, id });
  }

  findByExternalId(organizationId: string, externalId: string): Promise<InterviewSessionEntity | null> {
    return this.dataSource.getRepository(InterviewSessionEntity).findOneBy({ organizationId, externalId });
  }

  /**
   * Reads what the draft refers to and, if `verify` accepts it (it throws otherwise, rolling
   * everything back), writes the session, its panel of PENDING forms, its waiting answer and the
   * SessionScheduled event together. The candidate row is share-locked so an erasure or a new
   * portal link cannot slip in between the check and the commit.
   */
  schedule(
    organizationId: string,
    draft: SessionDraft,
    verify: (references: SchedulingReferences) => void,
  ): Promise<InterviewSessionEntity> {
    return this.dataSource.transaction((manager) => this.insertScheduled(manager, organizationId, draft, verify));
  }

  /**
   * One session per (organization, externalId): concurrent calls with the same externalId queue
   * on a transaction-scoped advisory lock, so the first inserts (announced like `schedule`) and
   * the others find it. A known session takes the new title; new times reschedule it only while
   * it is SCHEDULED and has not started, announced once (SessionRescheduled). `check` sees the
   * existing session (it throws to refuse, e.g. another candidate).
   */
  upsertByExternalId(
    organizationId: string,
    externalId: string,
    draft: SessionDraft,
    verify: (references: SchedulingReferences) => void,
    check: (existing: InterviewSessionEntity) => void,
  ): Promise<InterviewSessionEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`interview-session-external-id:${organizationId}:${externalId}`]);
      // the candidate's lock before the session's row, in erasure's order: an erased candidate's session stays as it is
      const known = await manager.findOne(InterviewSessionEntity, { select: { id: true }, where: { organizationId, externalId } });
      if (known && (await lockCandidateOf(manager, organizationId, { sessionId: known.id }))?.erased) throw candidateErased();
      const existing = await manager.getRepository(InterviewSessionEntity).findOne({
        where: { organizationId, externalId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!existing) return this.insertScheduled(manager, organizationId, { ...draft, externalId }, verify);
      check(existing);
      const moved = existing.startsAt.getTime() !== draft.startsAt.getTime() || existing.endsAt.getTime() !== draft.endsAt.getTime();
      const reschedulable = existing.status === 'SCHEDULED' && existing.startsAt.getTime() > Date.now();
      if (moved && reschedulable) {
        await manager.update(
          InterviewSessionEntity,
          { id: existing.id },
          { title: draft.title, startsAt: draft.startsAt, endsAt: draft.endsAt },
        );
        await writeOutbox(manager, [
          outboxMessage(organizationId, OutboxEventType.SessionRescheduled, { sessionId: existing.id, candidateId: existing.candidateId }),
        ]);
      } else if (existing.title !== draft.title) {
        await manager.update(InterviewSessionEntity, { id: existing.id }, { title: draft.title });
      }
      return manager.findOneByOrFail(InterviewSessionEntity, { id: existing.id });
    });
  }

  private async insertScheduled(
    manager: EntityManager,
    organizationId: string,
    draft: SessionDraft & { externalId?: string },
    verify: (references: SchedulingReferences) => void,
  ): Promise<InterviewSessionEntity> {
    {
      const candidate = await manager.getRepository(CandidateEntity).findOne({
        select: { id: true, portalLinkVersion: true, erasedAt: true },
        where: { organizationId, id: draft.candidateId },
        lock: { mode: 'pessimistic_read' },
      });
      const role = await manager.getRepository(RoleEntity).findOne({ select: { id: true }, where: { organizationId, id: draft.roleId } });
      const currentCriteria = role ? await manager.countBy(CriterionEntity, { roleId: role.id, retiredAt: IsNull() }) : 0;
      const interviewers = await manager.find(InterviewerEntity, {
        select: { id: true, archivedAt: true },
        where: { organizationId, id: In(draft.interviewerIds) },
      });
      verify({
        candidate,
        role,
        currentCriteria,
        interviewerIds: new Set(interviewers.map((interviewer) => interviewer.id)),
        archivedInterviewerIds: new Set(interviewers.filter((interviewer) => interviewer.archivedAt).map((interviewer) => interviewer.id)),
      });

      const inserted = await manager.insert(InterviewSessionEntity, {
        organizationId,
        candidateId: draft.candidateId,
        roleId: draft.roleId,
        title: draft.title,
        startsAt: draft.startsAt,
        endsAt: draft.endsAt,
        scheduledBy: draft.scheduledBy,
        externalId: draft.externalId ?? null,
      });
      const sessionId = (inserted.identifiers[0] as { id: string }).id;
      await manager
        .createQueryBuilder()
        .insert()
        .into(FeedbackFormEntity)
        .values(
          draft.interviewerIds.map((interviewerId, index) => ({
            organizationId,
            sessionId,
            interviewerId,
            // forms are listed by creation time: one microsecond apart keeps the panel in input order
            createdAt: () => `now() + interval '${index} microseconds'`,
          })),
        )
        .execute();
      await manager.insert(CandidateAnswerEntity, { organizationId, sessionId, status: 'WAITING_FOR_FEEDBACK' });
      await writeOutbox(manager, [
        outboxMessage(organizationId, OutboxEventType.SessionScheduled, {
          sessionId,
          candidateId: draft.candidateId,
          linkVersion: candidate!.portalLinkVersion,
        }),
      ]);
      return manager.findOneByOrFail(InterviewSessionEntity, { id: sessionId });
    }
  }

  /**
   * SCHEDULED → COMPLETED exactly once, however many callers race: the conditional UPDATE lets
   * one win; the others see the new status and change nothing. Forms expire when feedback is due:
   * completedAt + the organization's deadline hours, an "hour" being `hourMs` milliseconds.
   * An erased candidate's session is CONFLICT: its forms were closed for good.
   */
  complete(organizationId: string, id: string, hourMs: number): Promise<Transition> {
    return this.dataSource.transaction(async (manager) => {
      const candidate = await lockCandidateOf(manager, organizationId, { sessionId: id });
      if (!candidate) return null;
      if (candidate.erased) throw candidateErased();
      const completed = await completeSessions(manager, hourMs, { sessionId: id, organizationId });
      if (completed.length === 0) return this.unchanged(manager, organizationId, id);
      return { session: await manager.findOneByOrFail(InterviewSessionEntity, { id }), changed: true };
    });
  }

  /** SCHEDULED → CANCELLED exactly once, like `complete`. */
  cancel(organizationId: string, id: string): Promise<Transition> {
    return this.dataSource.transaction(async (manager) => {
      const cancelled = await this.rows(
        manager,
        `UPDATE interview_sessions SET status = 'CANCELLED', cancelled_at = now()
          WHERE id = $1 AND organization_id = $2 AND status = 'SCHEDULED'
      RETURNING id`,
        [id, organizationId],
      );
      if (cancelled.length === 0) return this.unchanged(manager, organizationId, id);
      // the forms end with the session (FormStatus has no CANCELLED: they expire at the cancellation),
      // so nothing about them is ever sent, and a job queued meanwhile finds them closed
      await manager.query(
        `UPDATE feedback_forms SET status = 'EXPIRED', expires_at = now() WHERE session_id = $1 AND status IN ('PENDING', 'SENT', 'OPENED')`,
        [id],
      );
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.SessionCancelled, { sessionId: id })]);
      return { session: await manager.findOneByOrFail(InterviewSessionEntity, { id }), changed: true };
    });
  }

  /**
   * A new interviewer on a completed session's panel: their form is created, due a full deadline
   * from now, and announced (its invitation goes out). Under the answer-row lock (taken first, as
   * everywhere forms settle): `verify` sees the session, the interviewer and the answer and throws to
   * refuse; a withheld answer that never had enough feedback waits for feedback again.
   */
  addInterviewer(
    organizationId: string,
    sessionId: string,
    interviewerId: string,
    hourMs: number,
    verify: (found: AddInterviewerReferences) => void,
  ): Promise<InterviewSessionEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      // the candidate first, then the answer row: erasure's lock order, so a racing erasure is seen
      const candidate = await lockCandidateOf(manager, organizationId, { sessionId });
      if (!candidate) return null;
      const session = await manager.findOneBy(InterviewSessionEntity, { organizationId, id: sessionId });
      if (!session) return null;
      const answer = await lockSessionAnswer(manager, sessionId);
      const [found] = (await manager.query(
        `SELECT EXISTS (SELECT 1 FROM interviewers WHERE id = $2 AND organization_id = $3) AS interviewer_found,
                EXISTS (SELECT 1 FROM feedback_forms WHERE session_id = $1 AND interviewer_id = $2) AS on_panel,
                $4::boolean AS candidate_erased,
                (SELECT fit_band IS NOT NULL FROM candidate_answers WHERE session_id = $1) AS answer_composed,
                now() + (o.feedback_deadline_hours * $5::float8) * interval '1 millisecond' AS expires_at
           FROM organizations o WHERE o.id = $3`,
        [sessionId, interviewerId, organizationId, candidate.erased, hourMs],
      )) as {
        interviewer_found: boolean;
        on_panel: boolean;
        candidate_erased: boolean;
        answer_composed: boolean | null;
        expires_at: Date;
      }[];
      verify({
        session,
        interviewerFound: found!.interviewer_found,
        onPanel: found!.on_panel,
        candidateErased: found!.candidate_erased,
        answerStatus: answer?.status ?? null,
        answerComposed: found!.answer_composed ?? false,
      });
      const inserted = await manager.insert(FeedbackFormEntity, {
        organizationId,
        sessionId,
        interviewerId,
        expiresAt: found!.expires_at,
      });
      const formId = (inserted.identifiers[0] as { id: string }).id;
      await reopenWithheldAnswer(manager, sessionId, found!.expires_at);
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.SessionInterviewerAdded, { sessionId, formId })]);
      return manager.findOneByOrFail(InterviewSessionEntity, { id: sessionId });
    });
  }

  /**
   * Records that the candidate asked, once per session. The session row is share-locked so it
   * cannot be cancelled between `verify` (which throws to refuse) and the insert; the event is
   * written only by the call that recorded the request. Nothing is recorded about an erased
   * candidate (CONFLICT).
   */
  recordFitFeedbackRequest(
    organizationId: string,
    sessionId: string,
    verify: (session: InterviewSessionEntity | null) => void,
    hourMs: number,
  ): Promise<Transition> {
    return this.dataSource.transaction(async (manager) => {
      if ((await lockCandidateOf(manager, organizationId, { sessionId }))?.erased) throw candidateErased();
      const session = await manager.getRepository(InterviewSessionEntity).findOne({
        where: { organizationId, id: sessionId },
        lock: { mode: 'pessimistic_read' },
      });
      verify(session);
      if (!session) return null;
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(FitFeedbackRequestEntity)
        .values({ organizationId, sessionId, source: 'RECRUITER' })
        .orIgnore()
        .returning('id')
        .execute();
      const changed = (inserted.raw as unknown[]).length > 0;
      if (changed) {
        await promiseAnswerDate(manager, sessionId, hourMs);
        await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.FitFeedbackRequested, { sessionId })]);
      }
      return { session, changed };
    });
  }

  /** One page, newest first: (starts_at, id) descending, continuing strictly after the cursor. On the replica when it is current. */
  list(organizationId: string, query: SessionListQuery): Promise<{ rows: InterviewSessionEntity[]; totalCount: number }> {
    return this.reads.read(organizationId, (runner) => this.page(runner.manager, organizationId, query));
  }

  private async page(
    manager: EntityManager,
    organizationId: string,
    query: SessionListQuery,
  ): Promise<{ rows: InterviewSessionEntity[]; totalCount: number }> {
    const filtered = () => {
      const builder = manager
        .getRepository(InterviewSessionEntity)
        .createQueryBuilder('s')
        .where('s.organization_id = :organizationId', { organizationId });
      if (query.roleId) builder.andWhere('s.role_id = :roleId', { roleId: query.roleId });
      if (query.candidateId) builder.andWhere('s.candidate_id = :candidateId', { candidateId: query.candidateId });
      if (query.status) builder.andWhere('s.status = :status', { status: query.status });
      if (query.answerStatus) {
        builder.andWhere('EXISTS (SELECT 1 FROM candidate_answers a WHERE a.session_id = s.id AND a.status = :answerStatus)', {
          answerStatus: query.answerStatus,
        });
      }
      return builder;
    };
    const page = filtered();
    if (query.after) {
      page.andWhere('(s.starts_at, s.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: query.after.at,
        afterId: query.after.id,
      });
    }
    const [rows, totalCount] = await Promise.all([
      page.orderBy('s.starts_at', 'DESC').addOrderBy('s.id', 'DESC').limit(query.limit).getMany(),
      filtered().getCount(),
    ]);
    return { rows, totalCount };
  }

  /** Why a conditional transition changed nothing: the session is elsewhere, or already moved on. */
  private async unchanged(manager: EntityManager, organizationId: string, id: string): Promise<Transition> {
    const session = await manager.findOneBy(InterviewSessionEntity, { organizationId, id });
    return session ? { session, changed: false } : null;
  }

  private async rows(manager: EntityManager, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    const result = (await manager.queryRunner!.query(sql, params, true)) as { records?: Record<string, unknown>[] };
    return result.records ?? [];
  }
}
