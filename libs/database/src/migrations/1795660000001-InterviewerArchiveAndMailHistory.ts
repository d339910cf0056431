import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An archived interviewer keeps their history but is no longer offered for, or accepted on, a
 * panel. A session's mail history is found by the id each mail key names second
 * ("form-invite:<form>:<version>", "escalation:<session>", "answer-ready:<answer>").
 */
export class InterviewerArchiveAndMailHistory1795660000001 implements MigrationInterface {
  name = 'InterviewerArchiveAndMailHistory1795660000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "interviewers" ADD "archived_at" timestamptz`);
    await queryRunner.query(
      `CREATE INDEX "email_deliveries_subject_idx" ON "email_deliveries" ("organization_id", (split_part("idempotency_key", ':', 2)))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "email_deliveries_subject_idx"`);
    await queryRunner.query(`ALTER TABLE "interviewers" DROP COLUMN "archived_at"`);
  }
}
