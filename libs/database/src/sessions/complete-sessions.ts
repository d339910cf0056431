import { OutboxEventType, outboxMessage } from '@closer/queue';
import type { EntityManager } from 'typeorm';

import { writeOutbox } from '../outbox.writer';

export type SessionsToComplete =
  /** One session a recruiter completes. */
  | { sessionId: string; organizationId: string }
  /** Scheduled sessions whose end has passed, oldest first; rows other sweepers hold, and erased candidates' sessions, are skipped. */
  | { ended: true; limit: number };

/**
 * SCHEDULED → COMPLETED, once: completedAt = now, feedbackDueAt = completedAt + the organization's
 * deadline hours (an "hour" being `hourMs` ms), every form's expiry set to it, and SessionCompleted
 * announced — all in the caller's transaction. The conditional transition makes a repeat (a
 * retried request, a racing sweeper) change nothing. Returns the sessions it completed.
 */
export async function completeSessions(
  manager: EntityManager,
  hourMs: number,
  which: SessionsToComplete,
): Promise<{ id: string; organizationId: string }[]> {
  const [pick, params] =
    'sessionId' in which
      ? [
          // never before it starts: the forms would ask about an interview that has not taken place
          `SELECT id FROM interview_sessions WHERE id = $2 AND organization_id = $3 AND status = 'SCHEDULED' AND starts_at <= now() FOR UPDATE`,
          [which.sessionId, which.organizationId],
        ]
      : [
          `SELECT s.id FROM interview_sessions s JOIN candidates c ON c.id = s.candidate_id
            WHERE s.status = 'SCHEDULED' AND s.ends_at <= now() AND c.erased_at IS NULL
            ORDER BY s.ends_at LIMIT $2 FOR UPDATE OF s SKIP LOCKED`,
          [which.limit],
        ];
  const completed = await manager.query<[{ id: string; organization_id: string }[], number]>(
    `WITH picked AS (${pick})
     UPDATE interview_sessions s
        SET status = 'COMPLETED',
            completed_at = now(),
            feedback_due_at = now() + (o.feedback_deadline_hours * $1::float8) * interval '1 millisecond'
       FROM picked, organizations o
      WHERE s.id = picked.id AND s.status = 'SCHEDULED' AND o.id = s.organization_id
  RETURNING s.id, s.organization_id`,
    [hourMs, ...params],
  );
  const sessions = completed[0].map((row) => ({ id: row.id, organizationId: row.organization_id }));
  if (sessions.length === 0) return [];
  await manager.query(
    `UPDATE feedback_forms f SET expires_at = s.feedback_due_at
       FROM interview_sessions s
      WHERE f.session_id = ANY($1::uuid[]) AND s.id = f.session_id`,
    [sessions.map((session) => session.id)],
  );
  await writeOutbox(
    manager,
    sessions.map((session) => outboxMessage(session.organizationId, OutboxEventType.SessionCompleted, { sessionId: session.id })),
  );
  return sessions;
}
