import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795630536118 implements MigrationInterface {
  name = 'Initial1795630536118';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "organizations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" text NOT NULL,
                "name" text NOT NULL,
                "feedback_deadline_hours" integer NOT NULL DEFAULT '48',
                "reminder_hours" integer array NOT NULL DEFAULT '{24,44}',
                "min_responses_for_answer" integer NOT NULL DEFAULT '2',
                "share_score_with_candidates" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_963693341bd612aa01ddf3a4b68" UNIQUE ("slug"),
                CONSTRAINT "organizations_settings_check" CHECK (
                    feedback_deadline_hours BETWEEN 1 AND 8760
                    AND min_responses_for_answer BETWEEN 1 AND 50
                ),
                CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "candidates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "name" text NOT NULL,
                "email" text NOT NULL,
                "portal_link_version" integer NOT NULL DEFAULT '1',
                "erased_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_140681296bf033ab1eb95288abb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "candidates_org_created_idx" ON "candidates" ("organization_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "email_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "idempotency_key" text NOT NULL,
                "kind" text NOT NULL,
                "recipient" text NOT NULL,
                "message_id" text NOT NULL,
                "status" text NOT NULL,
                "error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_f3c395a2e06c8f5c9782280437f" UNIQUE ("idempotency_key"),
                CONSTRAINT "email_deliveries_status_check" CHECK (status IN ('SENT', 'FAILED')),
                CONSTRAINT "PK_aa4e94683dafee7c55aaeb9f59d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_events" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "organization_id" uuid NOT NULL,
                "type" text NOT NULL,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "relayed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "outbox_events_unrelayed_idx" ON "outbox_events" ("id")
            WHERE relayed_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "subject" text NOT NULL,
                "email" text NOT NULL,
                "name" text NOT NULL,
                "role" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "users_org_subject_key" ON "users" ("organization_id", "subject")
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates"
            ADD CONSTRAINT "FK_03919fd83cf4d8a756e0761ce85" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "email_deliveries"
            ADD CONSTRAINT "FK_f688dbab1d994774e6718625dfb" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_events"
            ADD CONSTRAINT "FK_f88ce25498a8b5461d59914b202" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_events" DROP CONSTRAINT "FK_f88ce25498a8b5461d59914b202"
        `);
    await queryRunner.query(`
            ALTER TABLE "email_deliveries" DROP CONSTRAINT "FK_f688dbab1d994774e6718625dfb"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates" DROP CONSTRAINT "FK_03919fd83cf4d8a756e0761ce85"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."users_org_subject_key"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outbox_events_unrelayed_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
    await queryRunner.query(`
            DROP TABLE "email_deliveries"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."candidates_org_created_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "candidates"
        `);
    await queryRunner.query(`
            DROP TABLE "organizations"
        `);
  }
}
