import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incrementally maintained rollups behind the closing-feedback dashboard
 * (libs/database/src/dashboard-rollups explains the scheme).
 *
 * - Triggers on the write model append the touched session ids to `dashboard_dirty_sessions`, an
 *   append-only log without a unique key (so concurrent writers never wait on each other there).
 *   INSERT/DELETE triggers are per statement (one insert per bulk statement); UPDATE triggers are
 *   per row with a WHEN clause on the columns the dashboard reads, so erasure, reminders, opens…
 *   mark nothing.
 * - Per-session facts (`dashboard_*_facts`) hold each completed session's current contribution;
 *   draining recomputes them from the write model and adds (new − old) to the rollups.
 * - Rollups are keyed by (organization, role or the all-roles key, grain, bucket start) with grains
 *   Y/Q/M/W/D (UTC); `role_key` = the nil uuid for all roles.
 */
export class DashboardRollups1795641094681 implements MigrationInterface {
  name = 'DashboardRollups1795641094681';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);

    await q(`
      CREATE TABLE "dashboard_dirty_sessions" (
        "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        "organization_id" uuid NOT NULL,
        "session_id" uuid NOT NULL
      )`);
    await q(`CREATE INDEX "dashboard_dirty_sessions_org_idx" ON "dashboard_dirty_sessions" ("organization_id", "id")`);

    // hours → histogram bin: 16 bins per doubling of the minutes (bin 0 = under a minute), so a bin
    // holds values within 4.4% of each other; coarse bin (per interviewer) = bin / 4, 64 of them
    await q(`
      CREATE FUNCTION dashboard_hours_bin(hours float8) RETURNS smallint
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT CASE WHEN hours * 60 < 1 THEN 0 ELSE least(255, 1 + floor(16 * ln(hours * 60) / ln(2)))::int END::smallint $$`);

    await q(`
      CREATE TABLE "dashboard_session_facts" (
        "session_id" uuid PRIMARY KEY,
        "organization_id" uuid NOT NULL,
        "role_id" uuid NOT NULL,
        "completed_at" timestamptz NOT NULL,
        "asked" boolean NOT NULL,
        "released" boolean NOT NULL,
        "withheld" boolean NOT NULL,
        "helpful" boolean,
        "fit_band" smallint,
        "fit_score" smallint,
        "answer_hours" float8,
        "answer_bin" smallint
      )`);
    await q(`CREATE INDEX "dashboard_session_facts_org_completed_idx" ON "dashboard_session_facts" ("organization_id", "completed_at")`);
    await q(`
      CREATE INDEX "dashboard_session_facts_answer_bin_idx" ON "dashboard_session_facts" ("organization_id", "answer_bin", "answer_hours")
        INCLUDE ("completed_at", "role_id") WHERE answer_bin IS NOT NULL`);

    await q(`
      CREATE TABLE "dashboard_form_facts" (
        "form_id" uuid PRIMARY KEY,
        "session_id" uuid NOT NULL,
        "organization_id" uuid NOT NULL,
        "role_id" uuid NOT NULL,
        "completed_at" timestamptz NOT NULL,
        "interviewer_id" uuid NOT NULL,
        "sent" boolean NOT NULL,
        "submitted" boolean NOT NULL,
        "declined" boolean NOT NULL,
        "hours" float8,
        "bin" smallint,
        "coarse_bin" smallint
      )`);
    await q(`CREATE INDEX "dashboard_form_facts_session_idx" ON "dashboard_form_facts" ("session_id")`);
    await q(`CREATE INDEX "dashboard_form_facts_org_completed_idx" ON "dashboard_form_facts" ("organization_id", "completed_at")`);
    await q(
      `CREATE INDEX "dashboard_form_facts_org_role_completed_idx" ON "dashboard_form_facts" ("organization_id", "role_id", "completed_at")`,
    );
    // a median's bin is read in value order, the range checked on the way (the middle is found early)
    await q(`
      CREATE INDEX "dashboard_form_facts_bin_idx" ON "dashboard_form_facts" ("organization_id", "bin", "hours")
        INCLUDE ("completed_at", "role_id") WHERE bin IS NOT NULL`);
    await q(`
      CREATE INDEX "dashboard_form_facts_interviewer_bin_idx" ON "dashboard_form_facts" ("organization_id", "interviewer_id", "coarse_bin", "hours")
        INCLUDE ("completed_at", "role_id") WHERE coarse_bin IS NOT NULL`);
    // the same two per role: a role's rows only, not every role's filtered
    await q(`
      CREATE INDEX "dashboard_form_facts_role_bin_idx" ON "dashboard_form_facts" ("organization_id", "role_id", "bin", "hours")
        INCLUDE ("completed_at") WHERE bin IS NOT NULL`);
    await q(`
      CREATE INDEX "dashboard_form_facts_role_interviewer_bin_idx" ON "dashboard_form_facts" ("organization_id", "role_id", "interviewer_id", "coarse_bin", "hours")
        INCLUDE ("completed_at") WHERE coarse_bin IS NOT NULL`);

    await q(`
      CREATE TABLE "dashboard_response_facts" (
        "response_id" uuid PRIMARY KEY,
        "session_id" uuid NOT NULL,
        "organization_id" uuid NOT NULL,
        "role_id" uuid NOT NULL,
        "completed_at" timestamptz NOT NULL,
        "interviewer_id" uuid NOT NULL,
        "overall_fit" smallint NOT NULL,
        "calibration" numeric
      )`);
    await q(`CREATE INDEX "dashboard_response_facts_session_idx" ON "dashboard_response_facts" ("session_id")`);
    await q(`CREATE INDEX "dashboard_response_facts_org_completed_idx" ON "dashboard_response_facts" ("organization_id", "completed_at")`);
    await q(
      `CREATE INDEX "dashboard_response_facts_org_role_completed_idx" ON "dashboard_response_facts" ("organization_id", "role_id", "completed_at")`,
    );

    await q(`
      CREATE TABLE "dashboard_rating_facts" (
        "session_id" uuid NOT NULL,
        "criterion_id" uuid NOT NULL,
        "organization_id" uuid NOT NULL,
        "role_id" uuid NOT NULL,
        "completed_at" timestamptz NOT NULL,
        "ratings" integer NOT NULL,
        "rated" integer NOT NULL,
        "rating_sum" integer NOT NULL,
        "lacking" integer NOT NULL,
        PRIMARY KEY ("session_id", "criterion_id")
      )`);
    await q(`CREATE INDEX "dashboard_rating_facts_org_completed_idx" ON "dashboard_rating_facts" ("organization_id", "completed_at")`);

    const key = `"organization_id" uuid NOT NULL, "role_key" uuid NOT NULL, "grain" "char" NOT NULL, "bucket" date NOT NULL`;
    const counts = (names: string[]) => names.map((n) => `"${n}" integer NOT NULL DEFAULT 0`).join(', ');
    await q(`
      CREATE TABLE "dashboard_rollups" (
        ${key},
        ${counts(['sessions', 'asked', 'released', 'withheld', 'helpful_yes', 'helpful_rated', 'band1', 'band2', 'band3', 'band4'])},
        "fit_score_sum" bigint NOT NULL DEFAULT 0,
        ${counts(['fit_score_n', 'forms_sent', 'forms_submitted', 'forms_declined'])},
        PRIMARY KEY ("organization_id", "role_key", "grain", "bucket")
      )`);
    await q(`
      CREATE TABLE "dashboard_hist_rollups" (
        ${key},
        "metric" "char" NOT NULL,
        "bin" smallint NOT NULL,
        "n" integer NOT NULL,
        PRIMARY KEY ("organization_id", "role_key", "metric", "grain", "bucket", "bin")
      )`);
    await q(`
      CREATE TABLE "dashboard_interviewer_rollups" (
        ${key},
        "interviewer_id" uuid NOT NULL,
        ${counts(['forms', 'forms_sent', 'forms_submitted', 'responses', 'fit_sum', 'calibration_n'])},
        "calibration_sum" numeric NOT NULL DEFAULT 0,
        -- the coarse histogram of hours to feedback as one number: bin b's count is its digit b in
        -- base 2^32, so adding the numbers adds the histograms (one sum() instead of 64)
        "histogram" numeric NOT NULL DEFAULT 0,
        PRIMARY KEY ("organization_id", "role_key", "grain", "bucket", "interviewer_id")
      )`);
    await q(`
      CREATE TABLE "dashboard_criterion_rollups" (
        "organization_id" uuid NOT NULL, "grain" "char" NOT NULL, "bucket" date NOT NULL, "role_id" uuid NOT NULL,
        "criterion_id" uuid NOT NULL,
        ${counts(['ratings', 'rated', 'rating_sum', 'lacking'])},
        PRIMARY KEY ("organization_id", "grain", "bucket", "role_id", "criterion_id")
      )`);

    await q(`CREATE TABLE "dashboard_histogram_units" ("bin" smallint PRIMARY KEY, "unit" numeric NOT NULL)`);
    await q(`INSERT INTO "dashboard_histogram_units" SELECT b, power(2::numeric, 32 * b) FROM generate_series(0, 63) b`);

    // --- triggers: which sessions changed ----------------------------------------------------
    const mark = (name: string, body: string) =>
      q(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body}; RETURN NULL; END $$`);
    const statementTriggers = async (table: string, select: (rows: string) => string) => {
      await mark(
        `dashboard_mark_${table}_inserted`,
        `INSERT INTO dashboard_dirty_sessions (organization_id, session_id) ${select('new_rows')}`,
      );
      await mark(
        `dashboard_mark_${table}_deleted`,
        `INSERT INTO dashboard_dirty_sessions (organization_id, session_id) ${select('old_rows')}`,
      );
      await q(`CREATE TRIGGER dashboard_${table}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
               FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_${table}_inserted()`);
      await q(`CREATE TRIGGER dashboard_${table}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
               FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_${table}_deleted()`);
    };
    const rowUpdateTrigger = async (table: string, columns: string[], marks: string, condition = 'true') => {
      await mark(`dashboard_mark_${table}_updated`, `INSERT INTO dashboard_dirty_sessions (organization_id, session_id) ${marks}`);
      const changed = columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
      await q(`CREATE TRIGGER dashboard_${table}_updated AFTER UPDATE ON ${table}
               FOR EACH ROW WHEN ((${changed}) AND ${condition}) EXECUTE FUNCTION dashboard_mark_${table}_updated()`);
    };
    const bySession = (rows: string) => `SELECT DISTINCT organization_id, session_id FROM ${rows}`;
    // one mark unless the row moved to another session
    const oldAndNewSession = `SELECT DISTINCT * FROM (VALUES (OLD.organization_id, OLD.session_id), (NEW.organization_id, NEW.session_id)) v`;

    await statementTriggers('interview_sessions', (rows) => `SELECT organization_id, id FROM ${rows} WHERE status = 'COMPLETED'`);
    await rowUpdateTrigger(
      'interview_sessions',
      ['status', 'completed_at', 'role_id', 'ends_at', 'organization_id'],
      `SELECT DISTINCT * FROM (VALUES (OLD.organization_id, OLD.id), (NEW.organization_id, NEW.id)) v`,
      `(OLD.status = 'COMPLETED' OR NEW.status = 'COMPLETED')`,
    );
    await statementTriggers('feedback_forms', bySession);
    await rowUpdateTrigger('feedback_forms', ['status', 'sent_at', 'submitted_at', 'interviewer_id', 'session_id'], oldAndNewSession);
    await statementTriggers('feedback_responses', bySession);
    await rowUpdateTrigger('feedback_responses', ['overall_fit', 'interviewer_id', 'session_id'], oldAndNewSession);
    await statementTriggers('candidate_answers', bySession);
    await rowUpdateTrigger(
      'candidate_answers',
      ['status', 'fit_band', 'fit_score', 'released_at', 'helpful', 'session_id'],
      oldAndNewSession,
    );
    await statementTriggers('fit_feedback_requests', bySession);
    await rowUpdateTrigger('fit_feedback_requests', ['session_id'], oldAndNewSession);
    // ratings know their response; the response knows the session
    await statementTriggers(
      'criterion_ratings',
      (rows) => `SELECT DISTINCT r.organization_id, r.session_id FROM ${rows} c JOIN feedback_responses r ON r.id = c.response_id`,
    );
    await rowUpdateTrigger(
      'criterion_ratings',
      ['rating', 'criterion_id', 'response_id'],
      `SELECT DISTINCT organization_id, session_id FROM feedback_responses WHERE id IN (OLD.response_id, NEW.response_id)`,
    );

    // what exists already gets its rollups from the first drains
    await q(
      `INSERT INTO dashboard_dirty_sessions (organization_id, session_id) SELECT organization_id, id FROM interview_sessions WHERE status = 'COMPLETED' ORDER BY completed_at`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'interview_sessions',
      'feedback_forms',
      'feedback_responses',
      'candidate_answers',
      'fit_feedback_requests',
      'criterion_ratings',
    ]) {
      for (const event of ['inserted', 'deleted', 'updated']) {
        await queryRunner.query(`DROP TRIGGER IF EXISTS dashboard_${table}_${event} ON ${table}`);
        await queryRunner.query(`DROP FUNCTION IF EXISTS dashboard_mark_${table}_${event}()`);
      }
    }
    for (const table of [
      'dashboard_criterion_rollups',
      'dashboard_interviewer_rollups',
      'dashboard_hist_rollups',
      'dashboard_rollups',
      'dashboard_rating_facts',
      'dashboard_response_facts',
      'dashboard_form_facts',
      'dashboard_session_facts',
      'dashboard_dirty_sessions',
      'dashboard_histogram_units',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION IF EXISTS dashboard_hours_bin(float8)`);
  }
}
