import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClosingFeedbackDomain1795631454404 implements MigrationInterface {
  name = 'ClosingFeedbackDomain1795631454404';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "roles" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "title" text NOT NULL,
                "answer_policy" text NOT NULL DEFAULT 'AUTO_RELEASE',
                "next_steps" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "roles_answer_policy_check" CHECK (
                    answer_policy IN ('AUTO_RELEASE', 'RECRUITER_REVIEW')
                ),
                CONSTRAINT "PK_c1433d71a4838793a49dcad46ab" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "roles_org_created_idx" ON "roles" ("organization_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "interview_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "role_id" uuid NOT NULL,
                "title" text NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL DEFAULT 'SCHEDULED',
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "feedback_due_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "scheduled_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "sessions_completed_check" CHECK (
                    (status = 'COMPLETED') = (completed_at IS NOT NULL)
                ),
                CONSTRAINT "sessions_time_check" CHECK (ends_at > starts_at),
                CONSTRAINT "sessions_status_check" CHECK (
                    status IN ('SCHEDULED', 'COMPLETED', 'CANCELLED')
                ),
                CONSTRAINT "PK_8289f4ee665d0b5e283345db49a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "sessions_due_to_complete_idx" ON "interview_sessions" ("ends_at")
            WHERE status = 'SCHEDULED'
        `);
    await queryRunner.query(`
            CREATE INDEX "sessions_org_completed_idx" ON "interview_sessions" ("organization_id", "completed_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "sessions_org_role_completed_idx" ON "interview_sessions" ("organization_id", "role_id", "completed_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "sessions_candidate_idx" ON "interview_sessions" ("candidate_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "sessions_org_starts_idx" ON "interview_sessions" ("organization_id", "starts_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "candidate_answers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "session_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'WAITING_FOR_FEEDBACK',
                "fit_band" smallint,
                "fit_score" smallint,
                "profile" jsonb NOT NULL DEFAULT '[]',
                "strengths" text array NOT NULL DEFAULT '{}',
                "gaps" text array NOT NULL DEFAULT '{}',
                "next_steps" text,
                "message" text,
                "responses_count" integer NOT NULL DEFAULT '0',
                "flags" text array NOT NULL DEFAULT '{}',
                "withheld_reason" text,
                "composed_at" TIMESTAMP WITH TIME ZONE,
                "released_at" TIMESTAMP WITH TIME ZONE,
                "released_by" uuid,
                "helpful" boolean,
                "helpful_comment" text,
                "rated_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "candidate_answers_fit_score_check" CHECK (
                    fit_score IS NULL
                    OR fit_score BETWEEN 0 AND 100
                ),
                CONSTRAINT "candidate_answers_fit_band_check" CHECK (
                    fit_band IS NULL
                    OR fit_band BETWEEN 1 AND 4
                ),
                CONSTRAINT "candidate_answers_status_check" CHECK (
                    status IN (
                        'WAITING_FOR_FEEDBACK',
                        'AWAITING_REVIEW',
                        'RELEASED',
                        'WITHHELD'
                    )
                ),
                CONSTRAINT "PK_671fff9e976b4c783d5ac80440e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "candidate_answers_org_released_idx" ON "candidate_answers" ("organization_id", "released_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "candidate_answers_org_status_idx" ON "candidate_answers" ("organization_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "candidate_answers_session_key" ON "candidate_answers" ("session_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "criteria" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "role_id" uuid NOT NULL,
                "label" text NOT NULL,
                "description" text,
                "kind" text NOT NULL,
                "weight" smallint NOT NULL,
                "position" smallint NOT NULL,
                "retired_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "criteria_kind_check" CHECK (kind IN ('SKILL', 'EXPERIENCE', 'QUALITY')),
                CONSTRAINT "criteria_weight_check" CHECK (
                    weight BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_91cd5f7ff7be5ade9bca5b98cfb" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "criteria_org_idx" ON "criteria" ("organization_id", "role_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "criteria_role_current_idx" ON "criteria" ("role_id", "position")
            WHERE retired_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "interviewers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "name" text NOT NULL,
                "email" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f7a7314e1e7d88e6751ea54a349" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "interviewers_org_name_idx" ON "interviewers" ("organization_id", "name")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "interviewers_org_email_key" ON "interviewers" ("organization_id", "email")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_forms" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "session_id" uuid NOT NULL,
                "interviewer_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'PENDING',
                "link_version" integer NOT NULL DEFAULT '1',
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "opened_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "declined_at" TIMESTAMP WITH TIME ZONE,
                "decline_reason" text,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "reminders_sent" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "feedback_forms_reminders_check" CHECK (reminders_sent >= 0),
                CONSTRAINT "feedback_forms_link_version_check" CHECK (link_version >= 1),
                CONSTRAINT "feedback_forms_status_check" CHECK (
                    status IN (
                        'PENDING',
                        'SENT',
                        'OPENED',
                        'SUBMITTED',
                        'DECLINED',
                        'EXPIRED',
                        'FAILED'
                    )
                ),
                CONSTRAINT "PK_4c8b2f58afbfe011f3f46302f92" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "feedback_forms_open_expiry_idx" ON "feedback_forms" ("expires_at")
            WHERE status IN ('PENDING', 'SENT', 'OPENED')
        `);
    await queryRunner.query(`
            CREATE INDEX "feedback_forms_org_interviewer_idx" ON "feedback_forms" ("organization_id", "interviewer_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "feedback_forms_session_interviewer_key" ON "feedback_forms" ("session_id", "interviewer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_responses" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "form_id" uuid NOT NULL,
                "session_id" uuid NOT NULL,
                "interviewer_id" uuid NOT NULL,
                "overall_fit" smallint NOT NULL,
                "strengths" text NOT NULL,
                "gaps" text NOT NULL,
                "next_steps" text,
                "candidate_message" text,
                "private_note" text,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "feedback_responses_overall_fit_check" CHECK (
                    overall_fit BETWEEN 1 AND 4
                ),
                CONSTRAINT "PK_bb4d40375c075d39316a21fdaf5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "feedback_responses_org_submitted_idx" ON "feedback_responses" ("organization_id", "submitted_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "feedback_responses_session_idx" ON "feedback_responses" ("session_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "feedback_responses_form_key" ON "feedback_responses" ("form_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "criterion_ratings" (
                "response_id" uuid NOT NULL,
                "criterion_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "rating" smallint,
                "note" text,
                CONSTRAINT "criterion_ratings_rating_check" CHECK (
                    rating IS NULL
                    OR rating BETWEEN 1 AND 4
                ),
                CONSTRAINT "PK_efb9c2b9d8576b5b29d4340c0c2" PRIMARY KEY ("response_id", "criterion_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "criterion_ratings_org_criterion_idx" ON "criterion_ratings" ("organization_id", "criterion_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "fit_feedback_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "organization_id" uuid NOT NULL,
                "session_id" uuid NOT NULL,
                "source" text NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "fit_feedback_requests_source_check" CHECK (source IN ('PORTAL', 'RECRUITER', 'INTERVIEWER')),
                CONSTRAINT "PK_0632a6588345bffba902ade724c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "fit_feedback_requests_org_idx" ON "fit_feedback_requests" ("organization_id", "requested_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "fit_feedback_requests_session_key" ON "fit_feedback_requests" ("session_id")
        `);
    await queryRunner.query(`
            DROP INDEX "public"."candidates_org_created_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "candidates_org_created_idx" ON "candidates" ("organization_id", "created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "roles"
            ADD CONSTRAINT "FK_c328a1ecd12a5f153a96df4509e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interview_sessions"
            ADD CONSTRAINT "FK_4987cd051b5f30113003650d7d8" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interview_sessions"
            ADD CONSTRAINT "FK_71c061ea629b778b0d606adc88c" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interview_sessions"
            ADD CONSTRAINT "FK_54e1ee4438983867a912dc1b17a" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interview_sessions"
            ADD CONSTRAINT "FK_155c46eed9c23d9328d6b1913a3" FOREIGN KEY ("scheduled_by") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_answers"
            ADD CONSTRAINT "FK_1bda0c5c0647fcd20739805b81d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_answers"
            ADD CONSTRAINT "FK_befe8c1db85151c150c77805bb8" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "criteria"
            ADD CONSTRAINT "FK_20ae2da614ee9f99b3ba757b4b1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "criteria"
            ADD CONSTRAINT "FK_1acbff82124d7ebff1b282290b8" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interviewers"
            ADD CONSTRAINT "FK_6e330e77a8fd89c15e6eaea9b82" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_forms"
            ADD CONSTRAINT "FK_9994327da41dea09e9b9c6ec711" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_forms"
            ADD CONSTRAINT "FK_6beb695e085b30a33050294952a" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_forms"
            ADD CONSTRAINT "FK_156362dc7cab851717aa46fed43" FOREIGN KEY ("interviewer_id") REFERENCES "interviewers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_responses"
            ADD CONSTRAINT "FK_703fd3c61a619b2b60b029aa33a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_responses"
            ADD CONSTRAINT "FK_599df1695adc1c582ba796cdd8d" FOREIGN KEY ("form_id") REFERENCES "feedback_forms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_responses"
            ADD CONSTRAINT "FK_d58111b34fcdb8a5fd51fc3836d" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_responses"
            ADD CONSTRAINT "FK_0818c41c2709e9ebcc0baeae9c9" FOREIGN KEY ("interviewer_id") REFERENCES "interviewers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_ratings"
            ADD CONSTRAINT "FK_b351b1ac14ab15773afe9cd24a5" FOREIGN KEY ("response_id") REFERENCES "feedback_responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_ratings"
            ADD CONSTRAINT "FK_1656968021ee81e9466e6a41d2c" FOREIGN KEY ("criterion_id") REFERENCES "criteria"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_ratings"
            ADD CONSTRAINT "FK_7d96d6ba01f62ebee433bf0f723" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "fit_feedback_requests"
            ADD CONSTRAINT "FK_7783086278610d6739c60950547" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "fit_feedback_requests"
            ADD CONSTRAINT "FK_463d736d126ca585e09615d98bc" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "fit_feedback_requests" DROP CONSTRAINT "FK_463d736d126ca585e09615d98bc"
        `);
    await queryRunner.query(`
            ALTER TABLE "fit_feedback_requests" DROP CONSTRAINT "FK_7783086278610d6739c60950547"
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_ratings" DROP CONSTRAINT "FK_7d96d6ba01f62ebee433bf0f723"
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_ratings" DROP CONSTRAINT "FK_1656968021ee81e9466e6a41d2c"
        `);
    await queryRunner.query(`
            ALTER TABLE "criterion_ratings" DROP CONSTRAINT "FK_b351b1ac14ab15773afe9cd24a5"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_responses" DROP CONSTRAINT "FK_0818c41c2709e9ebcc0baeae9c9"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_responses" DROP CONSTRAINT "FK_d58111b34fcdb8a5fd51fc3836d"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_responses" DROP CONSTRAINT "FK_599df1695adc1c582ba796cdd8d"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_responses" DROP CONSTRAINT "FK_703fd3c61a619b2b60b029aa33a"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_forms" DROP CONSTRAINT "FK_156362dc7cab851717aa46fed43"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_forms" DROP CONSTRAINT "FK_6beb695e085b30a33050294952a"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_forms" DROP CONSTRAINT "FK_9994327da41dea09e9b9c6ec711"
        `);
    await queryRunner.query(`
            ALTER TABLE "interviewers" DROP CONSTRAINT "FK_6e330e77a8fd89c15e6eaea9b82"
        `);
    await queryRunner.query(`
            ALTER TABLE "criteria" DROP CONSTRAINT "FK_1acbff82124d7ebff1b282290b8"
        `);
    await queryRunner.query(`
            ALTER TABLE "criteria" DROP CONSTRAINT "FK_20ae2da614ee9f99b3ba757b4b1"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_answers" DROP CONSTRAINT "FK_befe8c1db85151c150c77805bb8"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidate_answers" DROP CONSTRAINT "FK_1bda0c5c0647fcd20739805b81d"
        `);
    await queryRunner.query(`
            ALTER TABLE "interview_sessions" DROP CONSTRAINT "FK_155c46eed9c23d9328d6b1913a3"
        `);
    await queryRunner.query(`
            ALTER TABLE "interview_sessions" DROP CONSTRAINT "FK_54e1ee4438983867a912dc1b17a"
        `);
    await queryRunner.query(`
            ALTER TABLE "interview_sessions" DROP CONSTRAINT "FK_71c061ea629b778b0d606adc88c"
        `);
    await queryRunner.query(`
            ALTER TABLE "interview_sessions" DROP CONSTRAINT "FK_4987cd051b5f30113003650d7d8"
        `);
    await queryRunner.query(`
            ALTER TABLE "roles" DROP CONSTRAINT "FK_c328a1ecd12a5f153a96df4509e"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."candidates_org_created_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "candidates"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "candidates_org_created_idx" ON "candidates" USING btree ("id", "organization_id", "created_at")
        `);
    await queryRunner.query(`
            DROP INDEX "public"."fit_feedback_requests_session_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."fit_feedback_requests_org_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "fit_feedback_requests"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."criterion_ratings_org_criterion_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "criterion_ratings"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."feedback_responses_form_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."feedback_responses_session_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."feedback_responses_org_submitted_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_responses"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."feedback_forms_session_interviewer_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."feedback_forms_org_interviewer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."feedback_forms_open_expiry_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_forms"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."interviewers_org_email_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."interviewers_org_name_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "interviewers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."criteria_role_current_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."criteria_org_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "criteria"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."candidate_answers_session_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."candidate_answers_org_status_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."candidate_answers_org_released_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "candidate_answers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_org_starts_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_candidate_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_org_role_completed_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_org_completed_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_due_to_complete_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "interview_sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."roles_org_created_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "roles"
        `);
  }
}
