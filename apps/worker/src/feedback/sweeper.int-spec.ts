import { bullConnection, QueueName } from '@closer/queue';
import { Worker } from 'bullmq';

import { WorkerServicesHarness } from '../../test/services.harness';
import { SweeperService } from './sweeper.service';

const HOUR = 1_000;

describe(SweeperService.name, () => {
  let h: WorkerServicesHarness;

  beforeAll(async () => {
    h = await WorkerServicesHarness.start({ hourMs: HOUR });
  });

  afterAll(async () => {
    await h?.close();
  });

  const outboxCount = async (type: string, sessionId: string) =>
    (
      await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_events WHERE type = $1 AND payload->>'sessionId' = $2`, [
        type,
        sessionId,
      ])
    )[0].n;

  describe('completing sessions past their end', () => {
    it('completes each once, like completeSession, however many sweeps race', async () => {
      const org = await h.organization({ deadline: 6 });
      const ended = await h.session(org, { status: 'SCHEDULED', endsInHours: -1 });
      const running = await h.session(org, { status: 'SCHEDULED', endsInHours: 10 });
      const cancelled = await h.session(org, { status: 'CANCELLED', endsInHours: -1 });

      const counts = await Promise.all([h.sweeper.completeEndedSessions(), h.sweeper.completeEndedSessions()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);

      const [session] = await h.query<{ status: string; due_ms: number }>(
        `SELECT status, (extract(epoch FROM feedback_due_at - completed_at) * 1000)::float8 AS due_ms FROM interview_sessions WHERE id = $1`,
        [ended.sessionId],
      );
      expect(session).toEqual({ status: 'COMPLETED', due_ms: 6 * HOUR });
      const forms = await h.query<{ same: boolean }>(
        `SELECT f.expires_at = s.feedback_due_at AS same FROM feedback_forms f JOIN interview_sessions s ON s.id = f.session_id
          WHERE f.session_id = $1`,
        [ended.sessionId],
      );
      expect(forms).toEqual([{ same: true }, { same: true }]);
      expect(await outboxCount('session.completed', ended.sessionId)).toBe(1);

      const others = await h.query<{ id: string; status: string }>(`SELECT id, status FROM interview_sessions WHERE id = ANY($1)`, [
        [running.sessionId, cancelled.sessionId],
      ]);
      expect(Object.fromEntries(others.map((row) => [row.id, row.status]))).toEqual({
        [running.sessionId]: 'SCHEDULED',
        [cancelled.sessionId]: 'CANCELLED',
      });
      expect(await h.sweeper.completeEndedSessions()).toBe(0);
    });
  });

  describe('settling what is due', () => {
    it('expires the unanswered forms of a session past its deadline and composes its answer once', async () => {
      const org = await h.organization({ deadline: 6, minResponses: 2 });
      const late = await h.session(org, { completedHoursAgo: 7, forms: ['SUBMITTED', 'SENT', 'OPENED'], responses: [0] });
      const current = await h.session(org, { completedHoursAgo: 1, forms: ['SENT', 'SENT'] });

      await Promise.all([h.sweeper.settleDueSessions(), h.sweeper.settleDueSessions()]);

      const forms = await h.query<{ status: string }>(`SELECT status FROM feedback_forms WHERE session_id = $1 ORDER BY created_at`, [
        late.sessionId,
      ]);
      expect(forms.map((form) => form.status)).toEqual(['SUBMITTED', 'EXPIRED', 'EXPIRED']);
      const [answer] = await h.query<{ status: string; responses_count: number }>(
        `SELECT status, responses_count FROM candidate_answers WHERE session_id = $1`,
        [late.sessionId],
      );
      expect(answer).toEqual({ status: 'WITHHELD', responses_count: 1 });
      expect(await outboxCount('answer.composed', late.sessionId)).toBe(1);

      const untouched = await h.query<{ status: string }>(
        `SELECT a.status FROM candidate_answers a WHERE a.session_id = $1
         UNION ALL SELECT f.status FROM feedback_forms f WHERE f.session_id = $1`,
        [current.sessionId],
      );
      expect(untouched.map((row) => row.status)).toEqual(['WAITING_FOR_FEEDBACK', 'SENT', 'SENT']);
    });

    it('composes a waiting answer whose forms are all settled, before the deadline', async () => {
      const org = await h.organization({ deadline: 6, minResponses: 1 });
      const settled = await h.session(org, { completedHoursAgo: 1, forms: ['SUBMITTED', 'FAILED'], responses: [0] });
      await h.sweeper.settleDueSessions();
      const [answer] = await h.query<{ status: string }>(`SELECT status FROM candidate_answers WHERE session_id = $1`, [settled.sessionId]);
      expect(answer.status).toBe('RELEASED');
      expect(await outboxCount('answer.released', settled.sessionId)).toBe(1);
    });

    it("never completes or composes an erased candidate's sessions, whose feedback stays unused; the others' go on", async () => {
      const org = await h.organization({ deadline: 6, minResponses: 1 });
      const sessions = async () => ({
        ended: await h.session(org, { status: 'SCHEDULED', endsInHours: -1 }),
        due: await h.session(org, { completedHoursAgo: 7, forms: ['SUBMITTED', 'EXPIRED'], responses: [0] }),
        settled: await h.session(org, { completedHoursAgo: 1, forms: ['SUBMITTED'], responses: [0] }),
      });
      const erased = await sessions();
      const kept = await sessions();
      await h.query('UPDATE candidates SET erased_at = now() WHERE id = ANY($1)', [Object.values(erased).map((s) => s.candidateId)]);

      await h.sweeper.completeEndedSessions();
      await h.sweeper.settleDueSessions();
      await expect(
        h.settlement.handleCloseSessionFeedback({ organizationId: org.organizationId, sessionId: erased.due.sessionId }),
      ).resolves.toBe('expired 0, answer unchanged');

      const state = async (group: typeof erased) =>
        h.query<{ status: string; answer: string; composed: boolean }>(
          `SELECT s.status, a.status AS answer, a.composed_at IS NOT NULL AS composed
             FROM interview_sessions s JOIN candidate_answers a ON a.session_id = s.id
            WHERE s.id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], s.id)`,
          [[group.ended.sessionId, group.due.sessionId, group.settled.sessionId]],
        );
      expect(await state(erased)).toEqual([
        { status: 'SCHEDULED', answer: 'WAITING_FOR_FEEDBACK', composed: false },
        { status: 'COMPLETED', answer: 'WAITING_FOR_FEEDBACK', composed: false },
        { status: 'COMPLETED', answer: 'WAITING_FOR_FEEDBACK', composed: false },
      ]);
      expect(await state(kept)).toEqual([
        { status: 'COMPLETED', answer: 'WAITING_FOR_FEEDBACK', composed: false },
        { status: 'COMPLETED', answer: 'RELEASED', composed: true },
        { status: 'COMPLETED', answer: 'RELEASED', composed: true },
      ]);
      for (const session of Object.values(erased)) {
        expect(await outboxCount('session.completed', session.sessionId)).toBe(0);
        expect(await outboxCount('answer.composed', session.sessionId)).toBe(0);
      }
    });

    it('expires a re-sent form at its own expiry after the answer was composed', async () => {
      const org = await h.organization({ deadline: 6 });
      const session = await h.session(org, { completedHoursAgo: 8, forms: ['EXPIRED', 'SENT'] });
      await h.query(`UPDATE candidate_answers SET status = 'WITHHELD', composed_at = now() WHERE session_id = $1`, [session.sessionId]);
      await h.query(`UPDATE feedback_forms SET expires_at = now() - interval '1 second' WHERE id = $1`, [session.formIds[1]]);
      await h.sweeper.settleDueSessions();
      const [form] = await h.query<{ status: string }>(`SELECT status FROM feedback_forms WHERE id = $1`, [session.formIds[1]]);
      expect(form.status).toBe('EXPIRED');
    });
  });

  describe('re-enqueueing lost jobs', () => {
    it('queues the invitation of every unsent form of a completed session, once, and none of an erased candidate', async () => {
      const org = await h.organization();
      const completed = await h.session(org, { completedHoursAgo: 0, forms: ['PENDING', 'PENDING'] });
      const scheduled = await h.session(org, { status: 'SCHEDULED', forms: ['PENDING'] });
      const erased = await h.session(org, { completedHoursAgo: 0, forms: ['PENDING'] });
      await h.query(`UPDATE candidates SET erased_at = now() WHERE id = $1`, [erased.candidateId]);

      // (the session the first test completed has unsent forms too)
      expect(await h.sweeper.ensureInvites()).toBeGreaterThanOrEqual(2);
      for (const formId of completed.formIds) expect(await h.jobState('mail', `form-invite-${formId}-1`)).toBe('waiting');
      expect(await h.jobState('mail', `form-invite-${scheduled.formIds[0]}-1`)).toBeNull();
      expect(await h.jobState('mail', `form-invite-${erased.formIds[0]}-1`)).toBeNull();
      expect(await h.sweeper.ensureInvites()).toBe(0);
    });

    it('queues only the latest due reminder that has no delivery, and nothing for answered or expired forms', async () => {
      const org = await h.organization({ deadline: 6, reminders: [2, 4] });
      const afterFirst = await h.session(org, { completedHoursAgo: 2.5, forms: ['SENT', 'SUBMITTED'] });
      const afterSecond = await h.session(org, { completedHoursAgo: 4.5, forms: ['OPENED'] });
      const reminded = await h.session(org, { completedHoursAgo: 2.5, forms: ['SENT'] });
      await h.query(
        `INSERT INTO email_deliveries (organization_id, idempotency_key, kind, recipient, message_id, status)
         VALUES ($1, $2, 'form-reminder', 'x@example.test', '<m@x>', 'SENT')`,
        [org.organizationId, `form-reminder:${reminded.formIds[0]}:1:0`],
      );
      const expired = await h.session(org, { completedHoursAgo: 7, forms: ['SENT'] });
      const notYet = await h.session(org, { completedHoursAgo: 1, forms: ['SENT'] });

      // forms of earlier tests in this file may fall due meanwhile: the job states below are this test's proof
      expect(await h.sweeper.ensureReminders()).toBeGreaterThanOrEqual(2);
      expect(await h.jobState('mail', `reminder-${afterFirst.formIds[0]}-1-0`)).toBe('waiting');
      expect(await h.jobState('mail', `reminder-${afterFirst.formIds[1]}-1-0`)).toBeNull();
      expect(await h.jobState('mail', `reminder-${afterSecond.formIds[0]}-1-1`)).toBe('waiting');
      expect(await h.jobState('mail', `reminder-${afterSecond.formIds[0]}-1-0`)).toBeNull();
      for (const formId of [reminded.formIds[0], expired.formIds[0], notYet.formIds[0]]) {
        expect(await h.jobState('mail', `reminder-${formId}-1-0`)).toBeNull();
        expect(await h.jobState('mail', `reminder-${formId}-1-1`)).toBeNull();
      }
    });

    it('re-runs a job that finished without doing the work', async () => {
      const org = await h.organization({ deadline: 6, reminders: [2, 4] });
      const session = await h.session(org, { completedHoursAgo: 2.5, forms: ['SENT'] });
      const queue = h.producer.queue(QueueName.Mail);
      await queue.drain();
      expect(await h.sweeper.ensureReminders()).toBeGreaterThanOrEqual(1);
      const jobId = `reminder-${session.formIds[0]}-1-0`;

      // a worker takes the job and finishes it without sending (e.g. it ran on a skewed clock)
      const worker = new Worker(QueueName.Mail, null, {
        connection: bullConnection(h.config.redis.url, 'worker'),
        prefix: h.config.redis.queuePrefix,
        autorun: false,
      });
      let job = await worker.getNextJob('test-token');
      while (job && job.id !== jobId) job = await worker.getNextJob('test-token');
      await job.moveToCompleted('not-due', 'test-token', false);
      await worker.close();
      expect(await h.jobState('mail', jobId)).toBe('completed');

      await h.sweeper.ensureReminders();
      expect(await h.jobState('mail', jobId)).toBe('waiting');
    });

    it('queues the escalation of a session past its escalation time with overdue forms and a recruiter', async () => {
      const org = await h.organization({ deadline: 6, reminders: [2, 4] });
      const overdue = await h.session(org, { completedHoursAgo: 5.5, forms: ['SUBMITTED', 'SENT'] });
      const early = await h.session(org, { completedHoursAgo: 4, forms: ['SENT'] });
      const nobodyOverdue = await h.session(org, { completedHoursAgo: 5.5, forms: ['SUBMITTED', 'DECLINED'] });
      const noRecruiter = await h.session(org, { completedHoursAgo: 5.5, forms: ['SENT'], scheduledBy: false });

      await h.sweeper.ensureEscalations();
      expect(await h.jobState('mail', `escalation-${overdue.sessionId}`)).toBe('waiting');
      for (const session of [early, nobodyOverdue, noRecruiter])
        expect(await h.jobState('mail', `escalation-${session.sessionId}`)).toBeNull();
    });
  });

  it('reports what one sweep did', async () => {
    await expect(h.sweeper.handleSweep()).resolves.toMatch(
      /^completed \d+, settled \d+, invites \d+, reminders \d+, escalations \d+, lateAnswers \d+, retentionErased \d+$/,
    );
  });
});
