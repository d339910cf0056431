import { randomUUID } from 'node:crypto';

import { OUTBOX_CHANNEL } from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';

import type { SystemStack } from './system-stack';

export interface SeededOrganization {
  organizationId: string;
  userId: string;
  roleId: string;
  criteria: { id: string }[];
}

export interface SeededForm {
  id: string;
  sessionId: string;
  interviewerId: string;
  email: string;
}

export interface SeededSession {
  id: string;
  forms: SeededForm[];
}

/**
 * Deadlines and reminders far beyond any scenario (with CLOSER_HOUR_MS = 10 s: reminders after
 * 2.5 h, the deadline after 2.8 h), so the only mails are the invitations the scenarios count.
 */
export const QUIET_SETTINGS = { feedbackDeadlineHours: 1_000, reminderHours: [900], minResponsesForAnswer: 1 };

/** The recruiter's organization as a user creates it (first request through the gateway), one role with a profile. */
export async function seedOrganization(stack: SystemStack): Promise<SeededOrganization> {
  await stack.recruiter('{ me { id organization { id } } }');
  await stack.recruiter('mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }', {
    input: QUIET_SETTINGS,
  });
  const { createRole } = await stack.recruiter<{ createRole: { id: string; criteria: { id: string }[] } }>(
    'mutation($input: CreateRoleInput!) { createRole(input: $input) { id criteria { id } } }',
    {
      input: {
        title: 'Platform engineer',
        nextSteps: 'A call with the team lead',
        criteria: [
          { label: 'PostgreSQL', kind: 'SKILL', weight: 4 },
          { label: 'Distributed systems', kind: 'EXPERIENCE', weight: 3 },
          { label: 'Clear writing', kind: 'QUALITY', weight: 2 },
        ],
      },
    },
  );
  const [row] = await stack.query<{ organization_id: string; user_id: string }>(
    `SELECT o.id AS organization_id, u.id AS user_id FROM organizations o JOIN users u ON u.organization_id = o.id
      WHERE o.slug = 'acme' AND u.subject = 'rae'`,
  );
  return { organizationId: row.organization_id, userId: row.user_id, roleId: createRole.id, criteria: createRole.criteria };
}

/**
 * `count` SCHEDULED sessions (ending in six hours, so the sweeper leaves them alone), each with a
 * panel of `panel` interviewers of their own — `<tag>-<session>-<seat>@example.test` — and the
 * PENDING forms and waiting answer scheduleSession writes. Bulk SQL: the API would take minutes
 * for 500 forms and is exercised by the scenarios that complete and answer through it.
 */
export async function seedSessions(
  stack: SystemStack,
  org: SeededOrganization,
  options: { count: number; tag: string; panel?: number },
): Promise<SeededSession[]> {
  const panel = options.panel ?? 3;
  const sessions: SeededSession[] = Array.from({ length: options.count }, (_, index) => {
    const id = randomUUID();
    return {
      id,
      forms: Array.from({ length: panel }, (__, seat) => ({
        id: randomUUID(),
        sessionId: id,
        interviewerId: randomUUID(),
        email: `${options.tag}-${index + 1}-${seat + 1}@example.test`,
      })),
    };
  });
  const candidates = sessions.map(() => randomUUID());
  const forms = sessions.flatMap((session) => session.forms);
  const client = await stack.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO candidates (id, organization_id, name, email)
       SELECT id, $1, 'Candidate ' || n, $3 || '-candidate-' || n || '@example.test' FROM unnest($2::uuid[]) WITH ORDINALITY AS c(id, n)`,
      [org.organizationId, candidates, options.tag],
    );
    await client.query(
      `INSERT INTO interviewers (id, organization_id, name, email)
       SELECT id, $1, 'Interviewer ' || email, email FROM unnest($2::uuid[], $3::text[]) AS i(id, email)`,
      [org.organizationId, forms.map((form) => form.interviewerId), forms.map((form) => form.email)],
    );
    await client.query(
      `INSERT INTO interview_sessions (id, organization_id, candidate_id, role_id, title, starts_at, ends_at, scheduled_by)
       SELECT id, $1, candidate_id, $2, 'Onsite ' || n, now() - interval '1 hour', now() + interval '6 hours', $3
         FROM unnest($4::uuid[], $5::uuid[]) WITH ORDINALITY AS s(id, candidate_id, n)`,
      [org.organizationId, org.roleId, org.userId, sessions.map((session) => session.id), candidates],
    );
    await client.query(
      `INSERT INTO feedback_forms (id, organization_id, session_id, interviewer_id)
       SELECT id, $1, session_id, interviewer_id FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS f(id, session_id, interviewer_id)`,
      [org.organizationId, forms.map((form) => form.id), forms.map((form) => form.sessionId), forms.map((form) => form.interviewerId)],
    );
    await client.query(
      `INSERT INTO candidate_answers (organization_id, session_id, status)
       SELECT $1, id, 'WAITING_FOR_FEEDBACK' FROM unnest($2::uuid[]) AS s(id)`,
      [org.organizationId, sessions.map((session) => session.id)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return sessions;
}

/**
 * Completes sessions in one transaction exactly as the candidate service does (libs/database
 * completeSessions): the conditional transition, the forms' expiry, one SessionCompleted outbox
 * row per session and the NOTIFY that wakes the relay on commit.
 */
export async function completeInSql(stack: SystemStack, org: SeededOrganization, sessionIds: string[], hourMs: number): Promise<number> {
  const client = await stack.pool.connect();
  try {
    await client.query('BEGIN');
    const completed = await client.query<{ id: string }>(
      `UPDATE interview_sessions s
          SET status = 'COMPLETED', completed_at = now(),
              feedback_due_at = now() + (o.feedback_deadline_hours * $2::float8) * interval '1 millisecond'
         FROM organizations o
        WHERE s.id = ANY($1::uuid[]) AND s.status = 'SCHEDULED' AND o.id = s.organization_id
    RETURNING s.id`,
      [sessionIds, hourMs],
    );
    const ids = completed.rows.map((row) => row.id);
    await client.query(
      `UPDATE feedback_forms f SET expires_at = s.feedback_due_at FROM interview_sessions s
        WHERE f.session_id = ANY($1::uuid[]) AND s.id = f.session_id`,
      [ids],
    );
    const messages = ids.map((sessionId) => outboxMessage(org.organizationId, OutboxEventType.SessionCompleted, { sessionId }));
    await client.query(
      `INSERT INTO outbox_events (organization_id, type, payload)
       SELECT organization_id, type, payload FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS e(organization_id, type, payload)`,
      [messages.map((m) => m.organizationId), messages.map((m) => m.type), messages.map((m) => JSON.stringify(m.payload))],
    );
    await client.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
    await client.query('COMMIT');
    return ids.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
