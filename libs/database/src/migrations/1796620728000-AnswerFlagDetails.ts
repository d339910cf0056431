import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each wording flag of an answer with the words that raised it and the field they stand in
 * (`CandidateAnswer.flagDetails`). Answers composed before have none: their `flags` stay as they were.
 */
export class AnswerFlagDetails1796620728000 implements MigrationInterface {
  name = 'AnswerFlagDetails1796620728000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "candidate_answers" ADD "flag_details" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "candidate_answers" DROP COLUMN "flag_details"`);
  }
}
