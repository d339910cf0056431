import { ERASED_TEXT } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { ReadReplica } from '../common/read-replica';

/** The rows of one candidate, as stored; candidate-data-export.service.ts shapes them into the document. */
export interface CandidateRecords {
  generatedAt: Date;
  candidate: Record<string, unknown>;
  sessions: Record<string, unknown>[];
  forms: (Record<string, unknown> & { session_id: string; interviewer_id: string; interviewer_name: string; interviewer_email: string })[];
  responses: (Record<string, unknown> & { form_id: string })[];
  ratings: (Record<string, unknown> & { response_id: string })[];
  requests: (Record<string, unknown> & { session_id: string })[];
  answers: (Record<string, unknown> & { session_id: string })[];
  mails: Record<string, unknown>[];
}

@Injectable()
export class CandidateDataExportRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadReplica,
  ) {}

  /**
   * Reads everything held about the candidate in one snapshot (on the replica when it is current,
   * see ReadReplica), then records the export (who, when, revealed or not) on the primary; null,
   * and nothing recorded, when the candidate is not the organization's.
   */
  async exportOf(
    organizationId: string,
    candidateId: string,
    audit: { userId: string; reveal: boolean },
  ): Promise<CandidateRecords | null> {
    const records = await this.reads.snapshot(organizationId, async ({ manager }) => {
      const [candidate] = (await manager.query(
        `SELECT id, name, email, created_at, erased_at, legal_hold, legal_hold_at, legal_hold_reason, now() AS generated_at
           FROM candidates WHERE id = $1 AND organization_id = $2`,
        [candidateId, organizationId],
      )) as (Record<string, unknown> & { generated_at: Date })[];
      if (!candidate) return null;
      const { generated_at: generatedAt, ...rest } = candidate;
      return { generatedAt, candidate: rest, ...(await this.recordsOf(manager, organizationId, candidateId)) };
    });
    if (records) {
      await this.dataSource.query(
        `INSERT INTO candidate_data_exports (organization_id, candidate_id, exported_by, revealed_interviewers) VALUES ($1, $2, $3, $4)`,
        [organizationId, candidateId, audit.userId, audit.reveal],
      );
    }
    return records;
  }

  private async recordsOf(
    manager: EntityManager,
    organizationId: string,
    candidateId: string,
  ): Promise<Omit<CandidateRecords, 'generatedAt' | 'candidate'>> {
    const params = [candidateId, organizationId];
    const sessions = `SELECT id FROM interview_sessions WHERE candidate_id = $1 AND organization_id = $2`;
    const query = <T>(sql: string, values: unknown[] = params) => manager.query(sql, values) as Promise<T[]>;
    return {
      sessions: await query(
        `SELECT s.id, s.title, r.id AS role_id, r.title AS role_title, s.starts_at, s.ends_at, s.status, s.completed_at,
                s.cancelled_at, s.feedback_due_at, s.created_at
           FROM interview_sessions s JOIN roles r ON r.id = s.role_id
          WHERE s.candidate_id = $1 AND s.organization_id = $2
          ORDER BY s.starts_at, s.id`,
      ),
      forms: await query(
        `SELECT f.id, f.session_id, f.interviewer_id, i.name AS interviewer_name, i.email AS interviewer_email, f.status,
                f.sent_at, f.opened_at, f.submitted_at, f.declined_at, f.decline_reason, f.expires_at, f.reminders_sent, f.created_at
           FROM feedback_forms f JOIN interviewers i ON i.id = f.interviewer_id JOIN interview_sessions s ON s.id = f.session_id
          WHERE f.session_id IN (${sessions})
          ORDER BY s.starts_at, s.id, f.created_at, f.id`,
      ),
      responses: await query(
        `SELECT id, form_id, overall_fit, strengths, gaps, next_steps, candidate_message, private_note, submitted_at
           FROM feedback_responses WHERE session_id IN (${sessions})`,
      ),
      ratings: await query(
        `SELECT cr.response_id, k.label AS criterion, k.kind, k.weight, cr.rating, cr.note
           FROM criterion_ratings cr
           JOIN criteria k ON k.id = cr.criterion_id
           JOIN feedback_responses r ON r.id = cr.response_id
          WHERE r.session_id IN (${sessions})
          ORDER BY k.position, k.id`,
      ),
      requests: await query(
        `SELECT session_id, source, requested_at, answer_expected_by, late_notified_at
           FROM fit_feedback_requests WHERE session_id IN (${sessions})`,
      ),
      answers: await query(
        `SELECT id, session_id, status, fit_band, fit_score, profile, strengths, gaps, next_steps, message, responses_count, flags,
                withheld_reason, composed_at, released_at, helpful, helpful_comment, rated_at, candidate_reply, candidate_reply_flags,
                candidate_replied_at
           FROM candidate_answers WHERE session_id IN (${sessions})`,
      ),
      // mails addressed to the candidate: to their address, or (once erased) to no address but
      // keyed by them, one of their sessions or one of their answers
      mails: await query(
        `SELECT d.kind, d.created_at, d.status, d.message_id
           FROM email_deliveries d
           JOIN candidates c ON c.id = $1
          WHERE d.organization_id = $2
            AND (d.recipient = c.email
                 OR (d.recipient = $3 AND (d.idempotency_key LIKE '%' || $1 || '%'
                     OR EXISTS (SELECT 1 FROM candidate_answers a WHERE a.session_id IN (${sessions})
                                   AND d.idempotency_key LIKE '%' || a.id || '%'))))
          ORDER BY d.created_at, d.idempotency_key`,
        [...params, ERASED_TEXT],
      ),
    };
  }
}
