import {
  type AnswerComposition,
  checkWording,
  composeAnswer,
  type CriterionKind,
  fitBandOf,
  type FitBandValue,
  fitBandValue,
  type PanelResponse,
  type ProfileCriterion,
  type Rating,
} from '@closer/domain';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import type { EntityManager } from 'typeorm';

import type { AnswerStatus } from '../entities';
import { writeOutbox } from '../outbox.writer';

/** Form statuses after which no more feedback is awaited from that interviewer. */
export const SETTLED_FORM_STATUSES = ['SUBMITTED', 'DECLINED', 'EXPIRED', 'FAILED'] as const;

export interface ComposeSessionAnswerOptions {
  sessionId: string;
  /** When the composition happens (composed_at, released_at); the transaction's clock by default. */
  now?: Date;
}

export interface SessionAnswerOutcome {
  answerId: string;
  sessionId: string;
  organizationId: string;
  status: Exclude<AnswerStatus, 'WAITING_FOR_FEEDBACK'>;
  composition: AnswerComposition;
  /** Wording flags of the candidate-facing text; empty for a withheld answer. */
  flags: string[];
}

interface SessionRow {
  organization_id: string;
  role_id: string;
  status: string;
  min_responses_for_answer: number;
  answer_policy: 'AUTO_RELEASE' | 'RECRUITER_REVIEW';
  next_steps: string | null;
  panel_size: number;
}

/**
 * Locks the session's answer row (creating it if the session has none yet). Everything that
 * settles a form and may then compose takes this lock FIRST, so the last submissions of a
 * session run one after another and the later one sees the earlier one's form as settled.
 * Take it before locking any form row of the session, to keep one lock order everywhere.
 */
export async function lockSessionAnswer(manager: EntityManager, sessionId: string): Promise<{ id: string; status: AnswerStatus } | null> {
  requireTransaction(manager);
  await manager.query(
    `INSERT INTO candidate_answers (organization_id, session_id)
     SELECT s.organization_id, s.id FROM interview_sessions s WHERE s.id = $1
     ON CONFLICT (session_id) DO NOTHING`,
    [sessionId],
  );
  const rows = (await manager.query(`SELECT id, status FROM candidate_answers WHERE session_id = $1 FOR UPDATE`, [sessionId])) as {
    id: string;
    status: AnswerStatus;
  }[];
  return rows[0] ?? null;
}

/** Whether every form of the session is settled (submitted, declined, expired or failed). */
export async function sessionFormsSettled(manager: EntityManager, sessionId: string): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT count(*)::int AS open FROM feedback_forms WHERE session_id = $1 AND NOT (status = ANY($2::text[]))`,
    [sessionId, [...SETTLED_FORM_STATUSES]],
  )) as { open: number }[];
  return rows[0].open === 0;
}

/**
 * Composes the candidate answer of a completed session from the panel's responses (the rules
 * are libs/domain's composeAnswer) and moves it out of WAITING_FOR_FEEDBACK exactly once:
 * under the answer-row lock and with a conditional UPDATE, so however many callers race, one
 * composes and the others get null. Runs in the caller's transaction (or opens one), so the
 * outbox events exist exactly when the new status does.
 */
export async function composeSessionAnswer(
  manager: EntityManager,
  options: ComposeSessionAnswerOptions,
): Promise<SessionAnswerOutcome | null> {
  if (!manager.queryRunner?.isTransactionActive) {
    return manager.transaction((transactional) => composeSessionAnswer(transactional, options));
  }
  const { sessionId } = options;
  const answer = await lockSessionAnswer(manager, sessionId);
  if (!answer || answer.status !== 'WAITING_FOR_FEEDBACK') return null;

  const sessions = (await manager.query(
    `SELECT s.organization_id, s.role_id, s.status, o.min_responses_for_answer, r.answer_policy, r.next_steps,
            (SELECT count(*)::int FROM feedback_forms f WHERE f.session_id = s.id) AS panel_size
       FROM interview_sessions s
       JOIN organizations o ON o.id = s.organization_id
       JOIN roles r ON r.id = s.role_id
      WHERE s.id = $1`,
    [sessionId],
  )) as SessionRow[];
  const session = sessions[0];
  // only a session that ended has a panel's feedback to answer with
  if (!session || session.status !== 'COMPLETED') return null;

  const composition = composeAnswer({
    criteria: await profileCriteria(manager, sessionId, session.role_id),
    responses: await panelResponses(manager, sessionId),
    panelSize: session.panel_size,
    minResponsesForAnswer: session.min_responses_for_answer,
    nextSteps: session.next_steps,
  });
  const now = options.now ?? null;

  if (composition.kind === 'WITHHELD') {
    const updated = await transition(
      manager,
      `UPDATE candidate_answers
          SET status = 'WITHHELD', withheld_reason = $2, responses_count = $3,
              composed_at = COALESCE($4::timestamptz, now()), updated_at = now()
        WHERE session_id = $1 AND status = 'WAITING_FOR_FEEDBACK'
    RETURNING id`,
      [sessionId, composition.reason, composition.responsesCount, now],
    );
    if (!updated) return null;
    await writeOutbox(manager, [outboxMessage(session.organization_id, OutboxEventType.AnswerComposed, { sessionId, answerId: updated })]);
    return { answerId: updated, sessionId, organizationId: session.organization_id, status: 'WITHHELD', composition, flags: [] };
  }

  // everything the candidate would read: the panel's message, the next steps and the profile's labels
  const flags = checkWording(
    [composition.message, composition.nextSteps, ...composition.profile.map((fit) => fit.criterion)].filter(
      (text): text is string => text !== null,
    ),
  );
  const status = session.answer_policy === 'AUTO_RELEASE' && flags.length === 0 ? 'RELEASED' : 'AWAITING_REVIEW';
  const updated = await transition(
    manager,
    `UPDATE candidate_answers
        SET status = $2, fit_band = $3, fit_score = $4, profile = $5::jsonb, strengths = $6::text[], gaps = $7::text[],
            next_steps = $8, message = $9, responses_count = $10, flags = $11::text[], withheld_reason = NULL,
            composed_at = COALESCE($12::timestamptz, now()),
            released_at = CASE WHEN $2 = 'RELEASED' THEN COALESCE($12::timestamptz, now()) END,
            updated_at = now()
      WHERE session_id = $1 AND status = 'WAITING_FOR_FEEDBACK'
  RETURNING id`,
    [
      sessionId,
      status,
      fitBandValue(composition.fitBand),
      composition.fitScore,
      JSON.stringify(composition.profile),
      composition.strengths,
      composition.gaps,
      composition.nextSteps,
      composition.message,
      composition.responsesCount,
      flags,
      now,
    ],
  );
  if (!updated) return null;
  const payload = { sessionId, answerId: updated };
  await writeOutbox(manager, [
    outboxMessage(session.organization_id, OutboxEventType.AnswerComposed, payload),
    ...(status === 'RELEASED' ? [outboxMessage(session.organization_id, OutboxEventType.AnswerReleased, payload)] : []),
  ]);
  return { answerId: updated, sessionId, organizationId: session.organization_id, status, composition, flags };
}

/**
 * The profile the panel rated: the role's current criteria, plus retired criteria that this
 * session's responses rated (the profile changed after they answered), in position order.
 */
async function profileCriteria(manager: EntityManager, sessionId: string, roleId: string): Promise<ProfileCriterion[]> {
  const rows = (await manager.query(
    `SELECT c.id, c.label, c.kind, c.weight
       FROM criteria c
      WHERE c.role_id = $2
        AND (c.retired_at IS NULL OR c.id IN (
              SELECT cr.criterion_id
                FROM criterion_ratings cr
                JOIN feedback_responses fr ON fr.id = cr.response_id
               WHERE fr.session_id = $1 AND cr.rating IS NOT NULL))
      ORDER BY c.position, c.retired_at NULLS FIRST, c.created_at, c.id`,
    [sessionId, roleId],
  )) as { id: string; label: string; kind: CriterionKind; weight: number }[];
  return rows.map((row) => ({ id: row.id, label: row.label, kind: row.kind, weight: Number(row.weight) }));
}

async function panelResponses(manager: EntityManager, sessionId: string): Promise<PanelResponse[]> {
  const responses = (await manager.query(
    `SELECT id, overall_fit, candidate_message FROM feedback_responses WHERE session_id = $1 ORDER BY submitted_at, id`,
    [sessionId],
  )) as { id: string; overall_fit: number; candidate_message: string | null }[];
  const ratings = (await manager.query(
    `SELECT cr.response_id, cr.criterion_id, cr.rating
       FROM criterion_ratings cr
       JOIN feedback_responses fr ON fr.id = cr.response_id
      WHERE fr.session_id = $1`,
    [sessionId],
  )) as { response_id: string; criterion_id: string; rating: number | null }[];
  return responses.map((response) => ({
    overallFit: fitBandOf(Number(response.overall_fit) as FitBandValue),
    candidateMessage: response.candidate_message,
    ratings: ratings
      .filter((rating) => rating.response_id === response.id)
      .map((rating) => ({ criterionId: rating.criterion_id, rating: rating.rating === null ? null : (Number(rating.rating) as Rating) })),
  }));
}

/** Runs a conditional UPDATE … RETURNING id; the id when this caller made the transition. */
async function transition(manager: EntityManager, sql: string, params: unknown[]): Promise<string | null> {
  const result = (await manager.query(sql, params)) as [{ id: string }[], number] | { id: string }[];
  // TypeORM returns [rows, affected] for UPDATE … RETURNING on PostgreSQL
  const rows = Array.isArray(result[0]) ? (result[0] as { id: string }[]) : (result as { id: string }[]);
  return rows[0]?.id ?? null;
}

function requireTransaction(manager: EntityManager): void {
  if (!manager.queryRunner?.isTransactionActive) throw new Error('this must run inside a transaction');
}
