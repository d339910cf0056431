import { Field, ID, InputType } from '@nestjs/graphql';

import { AnswerStatusEnum, SessionStatusEnum } from '../../common/graphql-enums';

@InputType()
export class SessionFilter {
  @Field(() => ID, { nullable: true }) roleId?: string | null;
  @Field(() => ID, { nullable: true }) candidateId?: string | null;
  @Field(() => SessionStatusEnum, { nullable: true }) status?: keyof typeof SessionStatusEnum | null;
  @Field(() => AnswerStatusEnum, {
    nullable: true,
    description: "Sessions whose candidate's answer has this status (e.g. WITHHELD: what needs attention).",
  })
  answerStatus?: keyof typeof AnswerStatusEnum | null;
}
