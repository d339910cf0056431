import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many times each organization's dashboard rollups were folded: every drain that claims marks
 * adds one in its own transaction. A read replica whose copy shows the primary's number has
 * replayed every fold of that organization, so its dashboard is exact (DATABASE_READ_URL).
 */
export class DashboardRollupVersions1796631464691 implements MigrationInterface {
  name = 'DashboardRollupVersions1796631464691';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dashboard_rollup_versions" (
        "organization_id" uuid PRIMARY KEY,
        "version" bigint NOT NULL,
        "folded_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dashboard_rollup_versions"`);
  }
}
