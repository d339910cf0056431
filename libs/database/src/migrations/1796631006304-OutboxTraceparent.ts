import { MigrationInterface, QueryRunner } from 'typeorm';

/** The W3C traceparent of the transaction that wrote an outbox row, so its jobs continue that trace. */
export class OutboxTraceparent1796631006304 implements MigrationInterface {
  name = 'OutboxTraceparent1796631006304';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "traceparent" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "traceparent"`);
  }
}
