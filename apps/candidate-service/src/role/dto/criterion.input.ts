import { Field, InputType, Int } from '@nestjs/graphql';

import { CriterionKindEnum } from '../../common/graphql-enums';

@InputType()
export class CriterionInput {
  @Field() label!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => CriterionKindEnum) kind!: keyof typeof CriterionKindEnum;
  @Field(() => Int) weight!: number;
}
