import {
  type AnswerComposition,
  candidateFacingTexts,
  composeAnswer,
  type ComposedAnswer,
  fitBandOf,
  type FitBandValue,
  fitBandValue,
  flagCategories,
  type ProfileCriterion,
  type Rating,
  screenWording,
  type WordingFlagDetail,
} from '@closer/domain';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import type { EntityManager } from 'typeorm';

import type { AnswerStatus } from '../entities';
import { writeOutbox } from '../outbox.writer';
import { preparedQuery, type PreparedStatement } from '../prepared-query';

/** Form statuses after which no more feedback is awaited from that interviewer. */
export const SETTLED_FORM_STATUSES = ['SUBMITTED', 'DECLINED', 'EXPIRED', 'FAILED'] as const;

export interface ComposeSessionAnswerOptions {
  sessionId: string;
  /** When the composition happens (composed_at, released_at); the transaction's clock by default. */
  now?: Date;
  /** The answer row as the caller's lockSessionAnswer returned it, in this transaction: not locked again. */
  locked?: LockedAnswer;
}

export interface SessionAnswerOutcome {
  answerId: string;
  sessionId: string;
  organizationId: string;
  status: Exclude<AnswerStatus, 'WAITING_FOR_FEEDBACK'>;
  composition: AnswerComposition;
  /** Wording flags of the candidate-facing text; empty for a withheld answer. */
  flags: string[];
  /** The same flags with the words that raised them and the field they stand in. */
  flagDetails: WordingFlagDetail[];
}

export interface LockedAnswer {
  id: string;
  status: AnswerStatus;
}

const LOCK_ANSWER = {
  name: 'closer_lock_session_answer',
  text: `SELECT id, status FROM candidate_answers WHERE session_id = $1 FOR UPDATE`,
};

const CREATE_ANSWER = {
  name: 'closer_create_session_answer',
  text: `INSERT INTO candidate_answers (organization_id, session_id)
         SELECT s.organization_id, s.id FROM interview_sessions s WHERE s.id = $1
         ON CONFLICT (session_id) DO NOTHING
      RETURNING id, status`,
};

/**
 * Locks the session's answer row (creating it if the session has none yet). Everything that
 * settles a form and may then compose takes this lock FIRST, so the last submissions of a
 * session run one after another and the later one sees the earlier one's form as settled.
 * Take it before locking any form row of the session, to keep one lock order everywhere.
 */
export async function lockSessionAnswer(manager: EntityManager, sessionId: string): Promise<LockedAnswer | null> {
  requireTransaction(manager);
  // scheduling creates the row, so one statement almost always does
  const [locked] = await preparedQuery<LockedAnswer>(manager, LOCK_ANSWER, [sessionId]);
  if (locked) return locked;
  // a row this transaction inserts is its own until it commits
  const [created] = await preparedQuery<LockedAnswer>(manager, CREATE_ANSWER, [sessionId]);
  if (created) return created;
  // another transaction created it meanwhile: the INSERT waited for its commit, this statement sees it
  const [raced] = await preparedQuery<LockedAnswer>(manager, LOCK_ANSWER, [sessionId]);
  return raced ?? null;
}

const FORMS_SETTLED = {
  name: 'closer_session_forms_settled',
  text: `SELECT count(*)::int AS open FROM feedback_forms WHERE session_id = $1 AND NOT (status = ANY($2::text[]))`,
};

/** Whether every form of the session is settled (submitted, declined, expired or failed). */
export async function sessionFormsSettled(manager: EntityManager, sessionId: string): Promise<boolean> {
  const [row] = await preparedQuery<{ open: number }>(manager, FORMS_SETTLED, [sessionId, [...SETTLED_FORM_STATUSES]]);
  return row.open === 0;
}

/**
 * What composing needs, in one statement: the session and its policies; the profile the panel
 * rated (the role's current criteria, plus retired ones this session's responses rated: the
 * profile changed after they answered), in position order; the responses with their ratings.
 */
const SESSION_PANEL = {
  name: 'closer_session_panel',
  text: `SELECT s.organization_id, s.status, c.erased_at IS NOT NULL AS candidate_erased,
                o.min_responses_for_answer, r.answer_policy, r.next_steps,
                (SELECT count(*)::int FROM feedback_forms f WHERE f.session_id = s.id) AS panel_size,
                (SELECT COALESCE(json_agg(json_build_object('id', c.id, 'label', c.label, 'kind', c.kind, 'weight', c.weight)
                                          ORDER BY c.position, c.retired_at NULLS FIRST, c.created_at, c.id), '[]')
                   FROM criteria c
                  WHERE c.organization_id = s.organization_id AND c.role_id = s.role_id
                    AND (c.retired_at IS NULL OR EXISTS (
                          SELECT 1
                            FROM feedback_responses fr
                            JOIN criterion_ratings cr ON cr.response_id = fr.id
                           WHERE fr.session_id = s.id AND cr.criterion_id = c.id AND cr.rating IS NOT NULL))) AS criteria,
                (SELECT COALESCE(json_agg(json_build_object(
                          'overallFit', fr.overall_fit,
                          'candidateMessage', fr.candidate_message,
                          'ratings', (SELECT COALESCE(json_agg(json_build_object('criterionId', cr.criterion_id, 'rating', cr.rating)), '[]')
                                        FROM criterion_ratings cr WHERE cr.response_id = fr.id))
                          ORDER BY fr.submitted_at, fr.id), '[]')
                   FROM feedback_responses fr
                  WHERE fr.session_id = s.id) AS responses
           FROM interview_sessions s
           JOIN candidates c ON c.id = s.candidate_id
           JOIN organizations o ON o.id = s.organization_id
           JOIN roles r ON r.id = s.role_id
          WHERE s.id = $1`,
};

interface SessionPanelRow {
  organization_id: string;
  status: string;
  candidate_erased: boolean;
  min_responses_for_answer: number;
  answer_policy: 'AUTO_RELEASE' | 'RECRUITER_REVIEW';
  next_steps: string | null;
  panel_size: number;
  criteria: ProfileCriterion[];
  responses: { overallFit: FitBandValue; candidateMessage: string | null; ratings: { criterionId: string; rating: Rating | null }[] }[];
}

const WITHHOLD_ANSWER = {
  name: 'closer_withhold_answer',
  text: `UPDATE candidate_answers
            SET status = 'WITHHELD', withheld_reason = $2, responses_count = $3,
                composed_at = COALESCE($4::timestamptz, now()), updated_at = now()
          WHERE session_id = $1 AND status = 'WAITING_FOR_FEEDBACK'
      RETURNING id`,
};

const COMPOSE_ANSWER = {
  name: 'closer_compose_answer',
  text: `UPDATE candidate_answers
            SET status = $2, fit_band = $3, fit_score = $4, profile = $5::jsonb, strengths = $6::text[], gaps = $7::text[],
                next_steps = $8, message = $9, responses_count = $10, flags = $11::text[], withheld_reason = NULL,
                composed_at = COALESCE($12::timestamptz, now()),
                released_at = CASE WHEN $2 = 'RELEASED' THEN COALESCE($12::timestamptz, now()) END,
                flag_details = $13::jsonb,
                updated_at = now()
          WHERE session_id = $1 AND status = 'WAITING_FOR_FEEDBACK'
      RETURNING id`,
};

/**
 * Composes the candidate answer of a completed session from the panel's responses (the rules
 * are libs/domain's composeAnswer) and moves it out of WAITING_FOR_FEEDBACK exactly once:
 * under the answer-row lock and with a conditional UPDATE, so however many callers race, one
 * composes and the others get null. Runs in the caller's transaction (or opens one), so the
 * outbox events exist exactly when the new status does. An erased candidate's answer stays as
 * erasure left it: never composed, released or mailed.
 */
export async function composeSessionAnswer(
  manager: EntityManager,
  options: ComposeSessionAnswerOptions,
): Promise<SessionAnswerOutcome | null> {
  if (!manager.queryRunner?.isTransactionActive) {
    return manager.transaction((transactional) => composeSessionAnswer(transactional, options));
  }
  const { sessionId } = options;
  const answer = options.locked ?? (await lockSessionAnswer(manager, sessionId));
  if (!answer || answer.status !== 'WAITING_FOR_FEEDBACK') return null;

  const [session] = await preparedQuery<SessionPanelRow>(manager, SESSION_PANEL, [sessionId]);
  // only a session that ended has a panel's feedback to answer with; nothing new is written
  // about an erased candidate (erasure took this lock before us, so a racing erasure is seen)
  if (!session || session.status !== 'COMPLETED' || session.candidate_erased) return null;

  const composition = composeAnswer({
    criteria: session.criteria,
    responses: session.responses.map((response) => ({ ...response, overallFit: fitBandOf(response.overallFit) })),
    panelSize: session.panel_size,
    minResponsesForAnswer: session.min_responses_for_answer,
    nextSteps: session.next_steps,
  });
  const now = options.now ?? null;

  if (composition.kind === 'WITHHELD') {
    const updated = await transition(manager, WITHHOLD_ANSWER, [sessionId, composition.reason, composition.responsesCount, now]);
    if (!updated) return null;
    await writeOutbox(manager, [outboxMessage(session.organization_id, OutboxEventType.AnswerComposed, { sessionId, answerId: updated })]);
    return {
      answerId: updated,
      sessionId,
      organizationId: session.organization_id,
      status: 'WITHHELD',
      composition,
      flags: [],
      flagDetails: [],
    };
  }

  // everything the candidate would read: the panel's message, strengths, gaps, next steps and the profile's labels
  const flagDetails = screenWording(candidateFacingTexts(composition));
  const flags = flagCategories(flagDetails);
  const status = session.answer_policy === 'AUTO_RELEASE' && flags.length === 0 ? 'RELEASED' : 'AWAITING_REVIEW';
  const updated = await transition(manager, COMPOSE_ANSWER, [
    sessionId,
    status,
    ...answerColumns(composition, composition.message),
    flags,
    now,
    JSON.stringify(flagDetails),
  ]);
  if (!updated) return null;
  const payload = { sessionId, answerId: updated };
  await writeOutbox(manager, [
    outboxMessage(session.organization_id, OutboxEventType.AnswerComposed, payload),
    ...(status === 'RELEASED' ? [outboxMessage(session.organization_id, OutboxEventType.AnswerReleased, payload)] : []),
  ]);
  return { answerId: updated, sessionId, organizationId: session.organization_id, status, composition, flags, flagDetails };
}

/** Runs a conditional UPDATE … RETURNING id; the id when this caller made the transition. */
async function transition(manager: EntityManager, statement: PreparedStatement, params: unknown[]): Promise<string | null> {
  const [row] = await preparedQuery<{ id: string }>(manager, statement, params);
  return row?.id ?? null;
}

function requireTransaction(manager: EntityManager): void {
  if (!manager.queryRunner?.isTransactionActive) throw new Error('this must run inside a transaction');
}

export interface HandReleaseOptions {
  organizationId: string;
  answerId: string;
  /** The recruiter's own message to the candidate: it replaces the panel's. */
  message: string;
  releasedBy: string;
}

export type HandReleaseOutcome =
  | { kind: 'released'; sessionId: string }
  | { kind: 'not-found' }
  | { kind: 'not-withheld' }
  | { kind: 'no-responses' }
  | { kind: 'candidate-erased' };

const LOCK_ANSWER_BY_ID = {
  name: 'closer_lock_answer_by_id',
  text: `SELECT a.id, a.status, a.session_id, c.erased_at IS NOT NULL AS candidate_erased
           FROM candidate_answers a
           JOIN interview_sessions s ON s.id = a.session_id
           JOIN candidates c ON c.id = s.candidate_id
          WHERE a.id = $1 AND a.organization_id = $2
            FOR UPDATE OF a`,
};

const RELEASE_BY_HAND = {
  name: 'closer_release_answer_by_hand',
  text: `UPDATE candidate_answers
            SET status = 'RELEASED', fit_band = $2, fit_score = $3, profile = $4::jsonb, strengths = $5::text[], gaps = $6::text[],
                next_steps = $7, message = $8, responses_count = $9, flags = $10::text[], flag_details = $12::jsonb,
                composed_at = now(), released_at = now(), released_by = $11, updated_at = now()
          WHERE id = $1 AND status = 'WITHHELD'
      RETURNING id`,
};

/**
 * A withheld answer released by hand: the recruiter writes the message, and the rest is composed
 * by the same rules from the responses that did arrive, however few (at least one: a candidate's
 * answer always carries the panel's band). The wording check flags the recruiter's text for the
 * record, as on any release with an edited message, without blocking it.
 */
export async function releaseWithheldAnswer(manager: EntityManager, options: HandReleaseOptions): Promise<HandReleaseOutcome> {
  if (!manager.queryRunner?.isTransactionActive) {
    return manager.transaction((transactional) => releaseWithheldAnswer(transactional, options));
  }
  const [answer] = await preparedQuery<{ id: string; status: AnswerStatus; session_id: string; candidate_erased: boolean }>(
    manager,
    LOCK_ANSWER_BY_ID,
    [options.answerId, options.organizationId],
  );
  if (!answer) return { kind: 'not-found' };
  if (answer.status !== 'WITHHELD') return { kind: 'not-withheld' };
  if (answer.candidate_erased) return { kind: 'candidate-erased' };
  const [session] = await preparedQuery<SessionPanelRow>(manager, SESSION_PANEL, [answer.session_id]);
  const composition = composeAnswer({
    criteria: session.criteria,
    responses: session.responses.map((response) => ({ ...response, overallFit: fitBandOf(response.overallFit) })),
    panelSize: session.panel_size,
    minResponsesForAnswer: 1,
    nextSteps: session.next_steps,
  });
  if (composition.kind === 'WITHHELD') return { kind: 'no-responses' };
  const flagDetails = screenWording(candidateFacingTexts({ ...composition, message: options.message }));
  const flags = flagCategories(flagDetails);
  const updated = await transition(manager, RELEASE_BY_HAND, [
    answer.id,
    ...answerColumns(composition, options.message),
    flags,
    options.releasedBy,
    JSON.stringify(flagDetails),
  ]);
  if (!updated) return { kind: 'not-withheld' };
  await writeOutbox(manager, [
    outboxMessage(options.organizationId, OutboxEventType.AnswerReleased, { sessionId: answer.session_id, answerId: answer.id }),
  ]);
  return { kind: 'released', sessionId: answer.session_id };
}

/**
 * A form of a session whose answer was withheld goes out again (re-sent, or a new interviewer on
 * the panel): the answer waits for feedback once more, and the session's deadline moves to the
 * new form's expiry if that is later, so neither the deadline job nor the sweeper composes (and
 * withholds) it again before the new form had its time. Only an answer that was never composed
 * reopens: one a recruiter withheld after reading it stays withheld. The caller holds the answer
 * row's lock (lockSessionAnswer). Returns whether the answer was reopened.
 */
export async function reopenWithheldAnswer(manager: EntityManager, sessionId: string, formExpiresAt: Date): Promise<boolean> {
  requireTransaction(manager);
  await manager.query(`UPDATE interview_sessions SET feedback_due_at = greatest(feedback_due_at, $2) WHERE id = $1`, [
    sessionId,
    formExpiresAt,
  ]);
  const reopened = await manager.query<[unknown[], number]>(
    `UPDATE candidate_answers
        SET status = 'WAITING_FOR_FEEDBACK', withheld_reason = NULL, composed_at = NULL, responses_count = 0, updated_at = now()
      WHERE session_id = $1 AND status = 'WITHHELD' AND fit_band IS NULL
  RETURNING id`,
    [sessionId],
  );
  return reopened[0].length > 0;
}

/** The composed answer's columns, in the order COMPOSE_ANSWER and RELEASE_BY_HAND take them after the answer's key. */
function answerColumns(composition: ComposedAnswer, message: string | null): unknown[] {
  return [
    fitBandValue(composition.fitBand),
    composition.fitScore,
    JSON.stringify(composition.profile),
    composition.strengths,
    composition.gaps,
    composition.nextSteps,
    message,
    composition.responsesCount,
  ];
}
