import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nonces of signed gateway requests that ran a mutation, kept a little longer than a signed
 * request is accepted, so a captured request cannot be replayed within its window on any replica.
 * UNLOGGED: no WAL for a row per mutation; a crash or failover forgets seconds-old nonces only.
 */
export class SignedRequestNonces1795650000000 implements MigrationInterface {
  name = 'SignedRequestNonces1795650000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE "signed_request_nonces" (
        "nonce" text PRIMARY KEY,
        "expires_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "signed_request_nonces_expires_idx" ON "signed_request_nonces" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "signed_request_nonces"`);
  }
}
