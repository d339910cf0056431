import {
  CandidateAnswerEntity,
  CandidateEntity,
  CriterionEntity,
  CriterionRatingEntity,
  FeedbackFormEntity,
  FeedbackResponseEntity,
  FitFeedbackRequestEntity,
  InterviewerEntity,
  InterviewSessionEntity,
  RoleEntity,
} from '@closer/database';
import DataLoader from 'dataloader';
import { DataSource, EntityTarget, FindOptionsOrder, FindOptionsWhere, In, IsNull, ObjectLiteral } from 'typeorm';

/** A delivery row of a session's mail history (email_deliveries: no address, content or key). */
export interface MailRow {
  id: string;
  form_id: string | null;
  kind: string;
  status: 'SENT' | 'FAILED';
  created_at: Date;
}

/**
 * Per-request batching: nested fields ask these loaders, and each kind of row is fetched with one
 * query per level of the response however many parents there are. Parents were already scoped to
 * the caller's organization, so loading by their ids stays inside it.
 */
export class Loaders {
  readonly candidate = this.byId(CandidateEntity);
  readonly role = this.byId(RoleEntity);
  readonly interviewer = this.byId(InterviewerEntity);
  readonly criterion = this.byId(CriterionEntity);
  readonly session = this.byId(InterviewSessionEntity);
  readonly currentCriteriaByRole = this.manyBy(CriterionEntity, 'roleId', { retiredAt: IsNull() }, { position: 'ASC' });
  readonly formsBySession = this.manyBy(FeedbackFormEntity, 'sessionId', {}, { createdAt: 'ASC', id: 'ASC' });
  readonly sessionsByCandidate = this.manyBy(InterviewSessionEntity, 'candidateId', {}, { startsAt: 'ASC', id: 'ASC' });
  readonly ratingsByResponse = this.manyBy(CriterionRatingEntity, 'responseId');
  readonly responseByForm = this.oneBy(FeedbackResponseEntity, 'formId');
  readonly answerBySession = this.oneBy(CandidateAnswerEntity, 'sessionId');
  readonly fitRequestBySession = this.oneBy(FitFeedbackRequestEntity, 'sessionId');
  readonly mailsBySession = new DataLoader<string, MailRow[]>(async (sessionIds) => {
    const rows: (MailRow & { session_id: string })[] = await this.dataSource.query(
      `WITH subject AS (
         SELECT s.id AS session_id, s.organization_id, s.id::text AS subject, NULL::uuid AS form_id
           FROM interview_sessions s WHERE s.id = ANY($1::uuid[])
         UNION ALL SELECT s.id, s.organization_id, s.candidate_id::text, NULL
           FROM interview_sessions s WHERE s.id = ANY($1::uuid[])
         UNION ALL SELECT f.session_id, f.organization_id, f.id::text, f.id
           FROM feedback_forms f WHERE f.session_id = ANY($1::uuid[])
         UNION ALL SELECT a.session_id, a.organization_id, a.id::text, NULL
           FROM candidate_answers a WHERE a.session_id = ANY($1::uuid[]))
       SELECT subject.session_id, subject.form_id, d.id, d.kind, d.status, d.created_at
         FROM subject
         JOIN email_deliveries d
           ON d.organization_id = subject.organization_id AND split_part(d.idempotency_key, ':', 2) = subject.subject
        ORDER BY d.created_at, d.id`,
      [[...sessionIds]],
    );
    const grouped = new Map<string, MailRow[]>(sessionIds.map((id) => [id, []]));
    for (const { session_id, ...row } of rows) grouped.get(session_id)?.push(row);
    return sessionIds.map((id) => grouped.get(id)!);
  });

  constructor(private readonly dataSource: DataSource) {}

  private byId<T extends ObjectLiteral & { id: string }>(entity: EntityTarget<T>): DataLoader<string, T | null> {
    return new DataLoader(async (ids) => {
      const rows = await this.dataSource.getRepository(entity).findBy({ id: In([...ids]) } as FindOptionsWhere<T>);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  private manyBy<T extends ObjectLiteral, K extends keyof T & string>(
    entity: EntityTarget<T>,
    key: K,
    where: FindOptionsWhere<T> = {},
    order?: FindOptionsOrder<T>,
  ): DataLoader<string, T[]> {
    return new DataLoader(async (keys) => {
      const rows = await this.dataSource
        .getRepository(entity)
        .find({ where: { ...where, [key]: In([...keys]) } as FindOptionsWhere<T>, order });
      const grouped = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const row of rows) grouped.get(row[key])?.push(row);
      return keys.map((k) => grouped.get(k)!);
    });
  }

  private oneBy<T extends ObjectLiteral, K extends keyof T & string>(entity: EntityTarget<T>, key: K): DataLoader<string, T | null> {
    const many = this.manyBy(entity, key);
    return new DataLoader(async (keys) => (await many.loadMany(keys)).map((rows) => (Array.isArray(rows) ? (rows[0] ?? null) : null)));
  }
}

export interface GraphQLContext {
  req: import('express').Request;
  loaders: Loaders;
}
