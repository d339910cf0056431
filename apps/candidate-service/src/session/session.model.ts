import { Field, ID, ObjectType } from '@nestjs/graphql';

import { SessionStatusEnum } from '../common/graphql-enums';
import { ConnectionType } from '../common/pagination';

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

export const SessionConnection = ConnectionType(InterviewSessionModel, 'SessionConnection');
