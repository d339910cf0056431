import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organization API keys (stored as SHA-256 hashes), external ids for idempotent upserts from an
 * ATS, and outbound webhooks: endpoints with their signing secret, and one delivery row per event
 * and endpoint (its id is the `webhook-id` header of every attempt).
 */
export class Integrations1796640000000 implements MigrationInterface {
  name = 'Integrations1796640000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "api_keys" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "organization_id" uuid NOT NULL REFERENCES "organizations" ("id") ON DELETE RESTRICT,
        "name" text NOT NULL,
        "prefix" text NOT NULL,
        "key_hash" bytea NOT NULL,
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz,
        "revoked_at" timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" ("key_hash")`);
    await queryRunner.query(`CREATE INDEX "api_keys_org_created_idx" ON "api_keys" ("organization_id", "created_at")`);

    for (const table of ['candidates', 'interviewers', 'interview_sessions']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "external_id" text`);
      await queryRunner.query(
        `CREATE UNIQUE INDEX "${table}_org_external_id_key" ON "${table}" ("organization_id", "external_id") WHERE "external_id" IS NOT NULL`,
      );
    }

    await queryRunner.query(`
      CREATE TABLE "webhook_endpoints" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "organization_id" uuid NOT NULL REFERENCES "organizations" ("id") ON DELETE RESTRICT,
        "url" text NOT NULL,
        "events" text[] NOT NULL,
        "secret" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "failing_since" timestamptz,
        "disabled_at" timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX "webhook_endpoints_org_idx" ON "webhook_endpoints" ("organization_id", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "webhook_deliveries" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "organization_id" uuid NOT NULL REFERENCES "organizations" ("id") ON DELETE RESTRICT,
        "endpoint_id" uuid NOT NULL REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE,
        "event" text NOT NULL,
        "data" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'PENDING' CONSTRAINT "webhook_deliveries_status_check" CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        "attempts" integer NOT NULL DEFAULT 0,
        "last_status_code" integer,
        "last_error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "redelivered_at" timestamptz,
        "delivered_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_endpoint_created_idx" ON "webhook_deliveries" ("endpoint_id", "created_at" DESC, "id" DESC)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    for (const table of ['candidates', 'interviewers', 'interview_sessions']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "external_id"`);
    }
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
