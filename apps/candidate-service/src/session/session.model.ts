import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

import { SessionStatusEnum } from '../common/graphql-enums';
import { ConnectionType } from '../common/pagination';

export const MailStatusEnum = { SENT: 'SENT', FAILED: 'FAILED' } as const;
registerEnumType(MailStatusEnum, { name: 'MailStatus' });

/**
 * candidate, role, interviewers, forms, answer and fitFeedbackRequested are resolved by
 * SessionResolver through the per-request loaders.
 */
@ObjectType('InterviewSession')
export class InterviewSessionModel {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field() startsAt!: Date;
  @Field() endsAt!: Date;
  @Field(() => SessionStatusEnum) status!: keyof typeof SessionStatusEnum;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When unanswered forms for this session expire.' }) feedbackDueAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: "The id this session has in the organization's own system (ATS, calendar), when given.",
  })
  externalId!: string | null;
  /** Not exposed: used by field resolvers. */
  candidateId!: string;
  roleId!: string;
}

/** A mail sent (or given up on) for the session: what and when, never its content or link. */
@ObjectType('MailRecord')
export class MailRecordModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'form-invite, form-reminder, escalation, answer-ready, portal-invite, …' }) kind!: string;
  @Field(() => MailStatusEnum) status!: keyof typeof MailStatusEnum;
  @Field({ description: 'When it was sent, or given up on.' }) at!: Date;
  @Field(() => ID, { nullable: true, description: 'The feedback form it was about (invites and reminders): names the interviewer.' })
  formId!: string | null;
}

export const SessionConnection = ConnectionType(InterviewSessionModel, 'SessionConnection');
