import { randomUUID } from 'node:crypto';

import { createLinkToken } from '@closer/domain';

import type { SubgraphHarness } from './subgraph.harness';

type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface CriterionSpec {
  label: string;
  weight: number;
  kind?: 'SKILL' | 'EXPERIENCE' | 'QUALITY';
}

export interface RoleFixture {
  roleId: string;
  criteria: { id: string; label: string; weight: number }[];
}

export interface SessionFixture {
  sessionId: string;
  candidateId: string;
  interviewerIds: string[];
  formIds: string[];
  answerId: string;
}

export interface SessionSpec {
  panel?: number;
  status?: 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
  formStatus?: string;
  /** Form expiry and the session's feedbackDueAt; default an hour ahead (completed sessions). */
  expiresAt?: Date | null;
  asked?: boolean;
  candidateName?: string;
  title?: string;
}

/**
 * Rows for the interviewer's side written straight into the database, so these tests don't
 * depend on how sessions are scheduled and completed.
 */
export class FeedbackFactory {
  constructor(
    private readonly query: Query,
    private readonly secret: string,
  ) {}

  static for(h: SubgraphHarness): FeedbackFactory {
    return new FeedbackFactory((sql, params) => h.dataSource.query(sql, params), h.config.links.secret);
  }

  async organization(settings: { slug?: string; minResponsesForAnswer?: number; feedbackDeadlineHours?: number } = {}): Promise<string> {
    const slug = settings.slug ?? `org-${randomUUID().slice(0, 8)}`;
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO organizations (slug, name, min_responses_for_answer, feedback_deadline_hours) VALUES ($1, $1, $2, $3)
       ON CONFLICT (slug) DO UPDATE SET min_responses_for_answer = EXCLUDED.min_responses_for_answer,
                                        feedback_deadline_hours = EXCLUDED.feedback_deadline_hours
       RETURNING id`,
      [slug, settings.minResponsesForAnswer ?? 2, settings.feedbackDeadlineHours ?? 48],
    );
    return row.id;
  }

  async role(
    organizationId: string,
    spec: {
      title?: string;
      criteria?: CriterionSpec[];
      answerPolicy?: 'AUTO_RELEASE' | 'RECRUITER_REVIEW';
      nextSteps?: string | null;
    } = {},
  ): Promise<RoleFixture> {
    const [role] = await this.query<{ id: string }>(
      `INSERT INTO roles (organization_id, title, answer_policy, next_steps) VALUES ($1, $2, $3, $4) RETURNING id`,
      [
        organizationId,
        spec.title ?? 'Backend engineer',
        spec.answerPolicy ?? 'AUTO_RELEASE',
        spec.nextSteps === undefined ? 'A call with the team lead' : spec.nextSteps,
      ],
    );
    const specs = spec.criteria ?? [
      { label: 'TypeScript', weight: 5 },
      { label: 'SQL', weight: 3 },
    ];
    const criteria: RoleFixture['criteria'] = [];
    for (const [position, criterion] of specs.entries()) {
      const [row] = await this.query<{ id: string }>(
        `INSERT INTO criteria (organization_id, role_id, label, kind, weight, position) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [organizationId, role.id, criterion.label, criterion.kind ?? 'SKILL', criterion.weight, position],
      );
      criteria.push({ id: row.id, label: criterion.label, weight: criterion.weight });
    }
    return { roleId: role.id, criteria };
  }

  async session(organizationId: string, roleId: string, spec: SessionSpec = {}): Promise<SessionFixture> {
    const status = spec.status ?? 'COMPLETED';
    const expiresAt = spec.expiresAt === undefined ? (status === 'COMPLETED' ? new Date(Date.now() + 3_600_000) : null) : spec.expiresAt;
    const suffix = randomUUID().slice(0, 8);
    const [candidate] = await this.query<{ id: string }>(
      `INSERT INTO candidates (organization_id, name, email) VALUES ($1, $2, $3) RETURNING id`,
      [organizationId, spec.candidateName ?? 'Ada Lovelace', `ada-${suffix}@example.test`],
    );
    const [session] = await this.query<{ id: string }>(
      `INSERT INTO interview_sessions (organization_id, candidate_id, role_id, title, starts_at, ends_at, status, completed_at, feedback_due_at, cancelled_at)
       VALUES ($1, $2, $3, $4, now() - interval '2 hours', now() - interval '1 hour', $5,
               CASE WHEN $5 = 'COMPLETED' THEN now() - interval '1 hour' END, $6,
               CASE WHEN $5 = 'CANCELLED' THEN now() END)
       RETURNING id`,
      [organizationId, candidate.id, roleId, spec.title ?? 'Technical interview', status, expiresAt],
    );
    const interviewerIds: string[] = [];
    const formIds: string[] = [];
    for (let index = 0; index < (spec.panel ?? 2); index += 1) {
      const [interviewer] = await this.query<{ id: string }>(
        `INSERT INTO interviewers (organization_id, name, email) VALUES ($1, $2, $3) RETURNING id`,
        [organizationId, `Interviewer ${index + 1}`, `interviewer-${index + 1}-${suffix}@example.test`],
      );
      const [form] = await this.query<{ id: string }>(
        `INSERT INTO feedback_forms (organization_id, session_id, interviewer_id, status, expires_at, sent_at, created_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 <> 'PENDING' THEN now() END, now() + $6 * interval '1 microsecond') RETURNING id`,
        [organizationId, session.id, interviewer.id, spec.formStatus ?? (status === 'COMPLETED' ? 'SENT' : 'PENDING'), expiresAt, index],
      );
      interviewerIds.push(interviewer.id);
      formIds.push(form.id);
    }
    const [answer] = await this.query<{ id: string }>(
      `INSERT INTO candidate_answers (organization_id, session_id) VALUES ($1, $2) RETURNING id`,
      [organizationId, session.id],
    );
    if (spec.asked) {
      await this.query(`INSERT INTO fit_feedback_requests (organization_id, session_id, source) VALUES ($1, $2, 'PORTAL')`, [
        organizationId,
        session.id,
      ]);
    }
    return { sessionId: session.id, candidateId: candidate.id, interviewerIds, formIds, answerId: answer.id };
  }

  token(formId: string, version = 1): string {
    return createLinkToken(this.secret, { purpose: 'form', id: formId, version });
  }

  outbox(type: string, sessionId: string): Promise<{ payload: Record<string, unknown> }[]> {
    return this.query(`SELECT payload FROM outbox_events WHERE type = $1 AND payload->>'sessionId' = $2 ORDER BY id`, [type, sessionId]);
  }
}

/** A complete, valid submission: `ratings` in the role's order, null for "not assessed". */
export function feedbackInput(
  criteria: { id: string }[],
  ratings: (number | null)[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    overallFit: 'GOOD_FIT',
    ratings: ratings.map((rating, index) => ({ criterionId: criteria[index].id, rating })),
    strengths: 'Clear reasoning about trade-offs',
    gaps: 'Little evidence of production on-call work',
    ...overrides,
  };
}
