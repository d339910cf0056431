import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidate rights: the date promised when a candidate asks, their one reply, retention with
 * legal hold, and the audit of subject-access exports.
 */
export class CandidateRights1796630000000 implements MigrationInterface {
  name = 'CandidateRights1796630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fit_feedback_requests" ADD "answer_expected_by" timestamptz`);
    await queryRunner.query(`ALTER TABLE "fit_feedback_requests" ADD "late_notified_at" timestamptz`);
    // the late-answer escalation looks for promises that passed and were not yet escalated
    await queryRunner.query(
      `CREATE INDEX "fit_feedback_requests_promise_due_idx" ON "fit_feedback_requests" ("answer_expected_by") WHERE "late_notified_at" IS NULL`,
    );
    // an interviewer's own calibration reads their responses of the last 180 days
    await queryRunner.query(
      `CREATE INDEX "feedback_responses_interviewer_submitted_idx" ON "feedback_responses" ("organization_id", "interviewer_id", "submitted_at")`,
    );
    await queryRunner.query(`ALTER TABLE "candidate_answers" ADD "candidate_reply" text`);
    await queryRunner.query(`ALTER TABLE "candidate_answers" ADD "candidate_reply_flags" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "candidate_answers" ADD "candidate_replied_at" timestamptz`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "retention_days" integer`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "organizations_retention_check" CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 36500)`,
    );
    await queryRunner.query(`ALTER TABLE "candidates" ADD "legal_hold" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "candidates" ADD "legal_hold_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL`);
    await queryRunner.query(`ALTER TABLE "candidates" ADD "legal_hold_at" timestamptz`);
    await queryRunner.query(`ALTER TABLE "candidates" ADD "legal_hold_reason" text`);
    await queryRunner.query(`
      CREATE TABLE "candidate_data_exports" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "organization_id" uuid NOT NULL REFERENCES "organizations" ("id") ON DELETE RESTRICT,
        "candidate_id" uuid NOT NULL REFERENCES "candidates" ("id") ON DELETE RESTRICT,
        "exported_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "revealed_interviewers" boolean NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "candidate_data_exports_candidate_idx" ON "candidate_data_exports" ("organization_id", "candidate_id", "created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "candidate_data_exports"`);
    await queryRunner.query(
      `ALTER TABLE "candidates" DROP COLUMN "legal_hold_reason", DROP COLUMN "legal_hold_at", DROP COLUMN "legal_hold_by", DROP COLUMN "legal_hold"`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "organizations_retention_check", DROP COLUMN "retention_days"`);
    await queryRunner.query(
      `ALTER TABLE "candidate_answers" DROP COLUMN "candidate_replied_at", DROP COLUMN "candidate_reply_flags", DROP COLUMN "candidate_reply"`,
    );
    await queryRunner.query(`DROP INDEX "feedback_responses_interviewer_submitted_idx"`);
    await queryRunner.query(`DROP INDEX "fit_feedback_requests_promise_due_idx"`);
    await queryRunner.query(`ALTER TABLE "fit_feedback_requests" DROP COLUMN "late_notified_at", DROP COLUMN "answer_expected_by"`);
  }
}
