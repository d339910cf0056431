import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's fine histograms, one row per bucket instead of one per bin: both histograms of a
 * (organization, role key, grain, bucket) packed into numerics like the interviewers' (bin b's
 * count is digit b in base 2^32, so sum() adds histograms), so a range reads a few dozen rows
 * instead of thousands. Per role only by year, quarter and month, as the interviewers: a role's
 * partial months are read from the facts (a new index finds a role's session facts). The units
 * table grows to the 256 fine bins.
 *
 * The rows are rebuilt from the facts already stored (set-based, every organization at once):
 * facts are exact whatever their age, so nothing needs the write model or a drain.
 */
export class DashboardPackedHistograms1796641431052 implements MigrationInterface {
  name = 'DashboardPackedHistograms1796641431052';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`INSERT INTO "dashboard_histogram_units" SELECT b, power(2::numeric, 32 * b) FROM generate_series(64, 255) b`);
    // a role's partial months of answers are read from the session facts
    await q(
      `CREATE INDEX "dashboard_session_facts_org_role_completed_idx" ON "dashboard_session_facts" ("organization_id", "role_id", "completed_at")`,
    );
    await q(`DROP TABLE "dashboard_hist_rollups"`);
    await q(`
      CREATE TABLE "dashboard_hist_rollups" (
        "organization_id" uuid NOT NULL, "role_key" uuid NOT NULL, "grain" "char" NOT NULL, "bucket" date NOT NULL,
        "feedback" numeric NOT NULL DEFAULT 0,
        "answer" numeric NOT NULL DEFAULT 0,
        PRIMARY KEY ("organization_id", "role_key", "grain", "bucket")
      )`);
    // both histograms in one pass (no row written twice): each fact adds its bin's unit to its
    // column, at every grain for all roles, by year/quarter/month per role
    const contributions = (table: string, bin: string, feedback: string, answer: string) => `
      SELECT f.organization_id, k.role_key, g.grain, g.bucket, ${feedback} AS feedback, ${answer} AS answer
        FROM ${table} f
        JOIN dashboard_histogram_units u ON u.bin = f.${bin}
       CROSS JOIN LATERAL (VALUES (f.role_id), ('00000000-0000-0000-0000-000000000000'::uuid)) k(role_key)
       CROSS JOIN LATERAL (VALUES ('Y'::"char", date_trunc('year', f.completed_at AT TIME ZONE 'UTC')::date),
                                  ('Q', date_trunc('quarter', f.completed_at AT TIME ZONE 'UTC')::date),
                                  ('M', date_trunc('month', f.completed_at AT TIME ZONE 'UTC')::date),
                                  ('W', date_trunc('week', f.completed_at AT TIME ZONE 'UTC')::date),
                                  ('D', date_trunc('day', f.completed_at AT TIME ZONE 'UTC')::date)) g(grain, bucket)
       WHERE k.role_key = '00000000-0000-0000-0000-000000000000' OR g.grain IN ('Y', 'Q', 'M')`;
    await q(`
      INSERT INTO "dashboard_hist_rollups" (organization_id, role_key, grain, bucket, feedback, answer)
      SELECT organization_id, role_key, grain, bucket, sum(feedback), sum(answer)
        FROM (${contributions('dashboard_form_facts', 'bin', 'u.unit', '0')}
              UNION ALL ${contributions('dashboard_session_facts', 'answer_bin', '0', 'u.unit')}) c
       GROUP BY 1, 2, 3, 4`);
    // statistics for the planner before the first read, not whenever autovacuum comes by
    await q(`ANALYZE "dashboard_hist_rollups"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP TABLE "dashboard_hist_rollups"`);
    await q(`
      CREATE TABLE "dashboard_hist_rollups" (
        "organization_id" uuid NOT NULL, "role_key" uuid NOT NULL, "grain" "char" NOT NULL, "bucket" date NOT NULL,
        "metric" "char" NOT NULL,
        "bin" smallint NOT NULL,
        "n" integer NOT NULL,
        PRIMARY KEY ("organization_id", "role_key", "metric", "grain", "bucket", "bin")
      )`);
    for (const [metric, table, bin] of [
      ['f', 'dashboard_form_facts', 'bin'],
      ['a', 'dashboard_session_facts', 'answer_bin'],
    ]) {
      await q(`
        INSERT INTO "dashboard_hist_rollups" (organization_id, role_key, grain, bucket, metric, bin, n)
        SELECT f.organization_id, k.role_key, g.grain, g.bucket, '${metric}', f.${bin}, count(*)
          FROM ${table} f
         CROSS JOIN LATERAL (VALUES (f.role_id), ('00000000-0000-0000-0000-000000000000'::uuid)) k(role_key)
         CROSS JOIN LATERAL (VALUES ('Y'::"char", date_trunc('year', f.completed_at AT TIME ZONE 'UTC')::date),
                                    ('Q', date_trunc('quarter', f.completed_at AT TIME ZONE 'UTC')::date),
                                    ('M', date_trunc('month', f.completed_at AT TIME ZONE 'UTC')::date),
                                    ('W', date_trunc('week', f.completed_at AT TIME ZONE 'UTC')::date),
                                    ('D', date_trunc('day', f.completed_at AT TIME ZONE 'UTC')::date)) g(grain, bucket)
         WHERE f.${bin} IS NOT NULL
         GROUP BY 1, 2, 3, 4, 6`);
    }
    await q(`DELETE FROM "dashboard_histogram_units" WHERE bin >= 64`);
    await q(`DROP INDEX "dashboard_session_facts_org_role_completed_idx"`);
  }
}
