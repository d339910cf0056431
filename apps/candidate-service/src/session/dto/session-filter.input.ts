import { Field, ID, InputType } from '@nestjs/graphql';

import { SessionStatusEnum } from '../../common/graphql-enums';

@InputType()
export class SessionFilter {
  @Field(() => ID, { nullable: true }) roleId?: string | null;
  @Field(() => ID, { nullable: true }) candidateId?: string | null;
  @Field(() => SessionStatusEnum, { nullable: true }) status?: keyof typeof SessionStatusEnum | null;
}
