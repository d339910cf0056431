import { OutboxEventType, outboxMessage } from '@closer/queue';
import type { EntityManager } from 'typeorm';

import { writeOutbox } from './outbox.writer';

/** What erasure leaves in place of a candidate's name, and of free text and addresses about them. */
export const ERASED_NAME = 'Erased candidate';
export const ERASED_TEXT = '[erased]';

/**
 * Whether candidate `c` (joined with their organization `o`) is due for erasure by the retention
 * period: not erased, not under legal hold, and their last session ended more than
 * `retention_days` days (of 24 × $hourMs each) ago. $hourMs is the given parameter's placeholder.
 */
export const retentionDueSql = (hourMs: string) => `
  c.erased_at IS NULL AND NOT c.legal_hold AND o.retention_days IS NOT NULL
  AND (SELECT max(COALESCE(s.completed_at, s.ends_at)) FROM interview_sessions s WHERE s.candidate_id = c.id)
        + o.retention_days * 24 * ${hourMs}::float8 * interval '1 millisecond' <= now()`;

/**
 * Removes the candidate's personal data and every free text written about them, in the caller's
 * transaction: the one erasure, whether a recruiter asked for it or the retention period ran out.
 * Rows stay (anonymous), so dashboard counts do not change; the portal link and every form link
 * are revoked, and forms still open expire. Returns false when there is no such candidate in the
 * organization, or when `retention` is given and the candidate is no longer due (erased meanwhile,
 * put under legal hold, or given a new session).
 *
 * Lock order: the candidate, then the sessions' answer rows, the sessions, their forms — the
 * order of everything else that writes about a candidate (lockCandidateOf, lockSessionAnswer,
 * then the form; completing a session locks it before its forms). A submission, composition,
 * release or resend in flight either commits first (and what it wrote is scrubbed below) or
 * waits, then finds the candidate erased and every link dead.
 */
export async function eraseCandidate(
  manager: EntityManager,
  organizationId: string,
  candidateId: string,
  retention?: { hourMs: number },
): Promise<boolean> {
  const found: unknown[] = await manager.query('SELECT 1 FROM candidates WHERE id = $1 AND organization_id = $2 FOR UPDATE', [
    candidateId,
    organizationId,
  ]);
  if (found.length === 0) return false;
  if (retention) {
    // checked again under the lock, in a statement of its own (a fresh snapshot): a second worker
    // that picked the same candidate finds them erased, a hold set meanwhile wins
    const due: unknown[] = await manager.query(
      `SELECT 1 FROM candidates c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1 AND ${retentionDueSql('$2')}`,
      [candidateId, retention.hourMs],
    );
    if (due.length === 0) return false;
  }
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
    `UPDATE candidates SET name = '${ERASED_NAME}', email = 'erased-' || id || '@erased.invalid', legal_hold_reason = NULL,
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
    `UPDATE candidate_answers SET message = NULL, withheld_reason = NULL, helpful_comment = NULL,
            candidate_reply = NULL, candidate_reply_flags = '{}'
      WHERE session_id IN (${sessions})`,
    params,
  );
  await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.CandidateErased, { candidateId })]);
  return true;
}
