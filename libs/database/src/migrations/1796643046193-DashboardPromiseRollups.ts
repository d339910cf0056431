import { MigrationInterface, QueryRunner } from 'typeorm';

const ALL_ROLES = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * Promises kept from the rollups instead of a join over every session of the range. Per session
 * the facts gain the promised date and whether the answer was released (by it); the rollups count
 * promises kept, released and still open. Time alone only decides open promises whose date passes,
 * so a read subtracts the open ones still ahead of now (a partial index finds those few).
 * The write model's promised date is now watched by the update trigger of fit_feedback_requests.
 */
export class DashboardPromiseRollups1796643046193 implements MigrationInterface {
  name = 'DashboardPromiseRollups1796643046193';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    // appended last: the refresh stores `SELECT * FROM fresh`, whose columns end with these
    await q(`ALTER TABLE "dashboard_session_facts"
               ADD "promised_by" timestamptz,
               ADD "promise_kept" boolean NOT NULL DEFAULT false,
               ADD "promise_released" boolean NOT NULL DEFAULT false`);
    await q(`
      UPDATE dashboard_session_facts f
         SET promised_by = q.answer_expected_by,
             promise_kept = coalesce(a.status = 'RELEASED' AND a.released_at <= q.answer_expected_by, false),
             promise_released = coalesce(q.answer_expected_by IS NOT NULL AND a.status = 'RELEASED' AND a.released_at IS NOT NULL, false)
        FROM fit_feedback_requests q LEFT JOIN candidate_answers a ON a.session_id = q.session_id
       WHERE q.session_id = f.session_id AND q.answer_expected_by IS NOT NULL`);
    await q(`
      CREATE INDEX "dashboard_session_facts_open_promise_idx" ON "dashboard_session_facts" ("organization_id", "promised_by")
        INCLUDE ("completed_at", "role_id") WHERE promised_by IS NOT NULL AND NOT promise_released`);

    await q(`ALTER TABLE "dashboard_rollups"
               ADD "promises_kept" integer NOT NULL DEFAULT 0,
               ADD "promises_released" integer NOT NULL DEFAULT 0,
               ADD "promises_open" integer NOT NULL DEFAULT 0`);
    // every session already has its row at every grain × both role keys
    await q(`
      UPDATE dashboard_rollups r
         SET promises_kept = s.kept, promises_released = s.released, promises_open = s.open
        FROM (
          SELECT f.organization_id, k.role_key, g.grain, g.bucket,
                 count(*) FILTER (WHERE f.promise_kept)::int AS kept,
                 count(*) FILTER (WHERE f.promise_released)::int AS released,
                 count(*) FILTER (WHERE NOT f.promise_released)::int AS open
            FROM dashboard_session_facts f
           CROSS JOIN LATERAL (VALUES (f.role_id), (${ALL_ROLES})) k(role_key)
           CROSS JOIN LATERAL (VALUES ('Y'::"char", date_trunc('year', f.completed_at AT TIME ZONE 'UTC')::date),
                                      ('Q', date_trunc('quarter', f.completed_at AT TIME ZONE 'UTC')::date),
                                      ('M', date_trunc('month', f.completed_at AT TIME ZONE 'UTC')::date),
                                      ('W', date_trunc('week', f.completed_at AT TIME ZONE 'UTC')::date),
                                      ('D', date_trunc('day', f.completed_at AT TIME ZONE 'UTC')::date)) g(grain, bucket)
           WHERE f.promised_by IS NOT NULL
           GROUP BY 1, 2, 3, 4
        ) s
       WHERE r.organization_id = s.organization_id AND r.role_key = s.role_key AND r.grain = s.grain AND r.bucket = s.bucket`);

    await q(`DROP TRIGGER dashboard_fit_feedback_requests_updated ON fit_feedback_requests`);
    await q(`CREATE TRIGGER dashboard_fit_feedback_requests_updated AFTER UPDATE ON fit_feedback_requests
             FOR EACH ROW WHEN (OLD.session_id IS DISTINCT FROM NEW.session_id OR OLD.answer_expected_by IS DISTINCT FROM NEW.answer_expected_by)
             EXECUTE FUNCTION dashboard_mark_fit_feedback_requests_updated()`);
    await q(`ANALYZE "dashboard_session_facts"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP TRIGGER dashboard_fit_feedback_requests_updated ON fit_feedback_requests`);
    await q(`CREATE TRIGGER dashboard_fit_feedback_requests_updated AFTER UPDATE ON fit_feedback_requests
             FOR EACH ROW WHEN ((OLD.session_id IS DISTINCT FROM NEW.session_id) AND true)
             EXECUTE FUNCTION dashboard_mark_fit_feedback_requests_updated()`);
    await q(`ALTER TABLE "dashboard_rollups" DROP "promises_kept", DROP "promises_released", DROP "promises_open"`);
    await q(`DROP INDEX "dashboard_session_facts_open_promise_idx"`);
    await q(`ALTER TABLE "dashboard_session_facts" DROP "promised_by", DROP "promise_kept", DROP "promise_released"`);
  }
}
