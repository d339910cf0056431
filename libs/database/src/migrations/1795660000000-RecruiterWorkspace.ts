import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - A form answered before its send was recorded now counts as sent on the dashboard: every
 *   completed session is marked dirty, so the next drain recomputes its facts and rollups.
 * - `candidate_answers.candidate_notified_at`: when the candidate of a withheld answer was told,
 *   once, that not enough feedback could be gathered.
 */
export class RecruiterWorkspace1795660000000 implements MigrationInterface {
  name = 'RecruiterWorkspace1795660000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "candidate_answers" ADD "candidate_notified_at" timestamptz`);
    await queryRunner.query(`
      INSERT INTO dashboard_dirty_sessions (organization_id, session_id)
      SELECT organization_id, id FROM interview_sessions WHERE status = 'COMPLETED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "candidate_answers" DROP COLUMN "candidate_notified_at"`);
  }
}
