import { Field, InputType } from '@nestjs/graphql';

import { AnswerPolicyEnum } from '../../common/graphql-enums';
import { CriterionInput } from './criterion.input';

@InputType()
export class CreateRoleInput {
  @Field() title!: string;
  @Field(() => [CriterionInput]) criteria!: CriterionInput[];
  @Field(() => AnswerPolicyEnum, { nullable: true, defaultValue: 'AUTO_RELEASE' }) answerPolicy?: keyof typeof AnswerPolicyEnum | null;
  @Field(() => String, { nullable: true }) nextSteps?: string | null;
}
