import { MigrationInterface, QueryRunner } from 'typeorm';

const KEY = `"organization_id", "grain", "bucket", "role_id", "criterion_id"`;

/**
 * The criterion rollups' key carries their sums (INCLUDE), so a dashboard reads a range's
 * criteria from the key's leaf pages alone (an index-only scan): the few thousand rows of a big
 * tenant's range lie in a few dozen index pages, where their heap rows are spread over as many
 * pages as rows — read from disk when other work has pushed them out of the caches.
 */
export class DashboardCriterionCoveringKey1796644183514 implements MigrationInterface {
  name = 'DashboardCriterionCoveringKey1796644183514';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "dashboard_criterion_rollups" DROP CONSTRAINT "dashboard_criterion_rollups_pkey",
        ADD CONSTRAINT "dashboard_criterion_rollups_pkey" PRIMARY KEY (${KEY}) INCLUDE ("ratings", "rated", "rating_sum", "lacking")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "dashboard_criterion_rollups" DROP CONSTRAINT "dashboard_criterion_rollups_pkey",
        ADD CONSTRAINT "dashboard_criterion_rollups_pkey" PRIMARY KEY (${KEY})`);
  }
}
