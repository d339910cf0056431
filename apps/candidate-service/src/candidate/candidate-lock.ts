import type { EntityManager } from 'typeorm';

import { DomainError } from '../errors/domain-error';

/** The row whose candidate a write is about. */
export type CandidateOf = { candidateId: string } | { sessionId: string } | { answerId: string } | { formId: string };

const PATHS: Record<string, string> = {
  candidateId: `candidates c WHERE c.id = $1 AND c.organization_id = $2`,
  sessionId: `interview_sessions s JOIN candidates c ON c.id = s.candidate_id WHERE s.id = $1 AND s.organization_id = $2`,
  answerId: `candidate_answers a JOIN interview_sessions s ON s.id = a.session_id JOIN candidates c ON c.id = s.candidate_id
              WHERE a.id = $1 AND a.organization_id = $2`,
  formId: `feedback_forms f JOIN interview_sessions s ON s.id = f.session_id JOIN candidates c ON c.id = s.candidate_id
            WHERE f.id = $1 AND f.organization_id = $2`,
};

/**
 * Share-locks the candidate a write is about and says whether they were erased (null: no such
 * row in the organization). Erasure takes this row FOR UPDATE before anything else, so a write
 * that checked here cannot interleave with it: either it commits first and erasure scrubs what
 * it wrote, or it waits and sees the erasure. Take it first in the transaction.
 */
export async function lockCandidateOf(
  manager: EntityManager,
  organizationId: string,
  of: CandidateOf,
): Promise<{ erased: boolean } | null> {
  const [key, id] = Object.entries(of)[0];
  const sql = `SELECT c.erased_at IS NOT NULL AS erased FROM ${PATHS[key]} FOR SHARE OF c`;
  const rows = await manager.query<{ erased: boolean }[]>(sql, [id, organizationId]);
  return rows[0] ?? null;
}

/** What a recruiter's write about an erased candidate gets. */
export function candidateErased(): DomainError {
  return new DomainError('CONFLICT', 'The candidate was erased');
}
