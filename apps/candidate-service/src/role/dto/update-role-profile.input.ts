import { Field, InputType } from '@nestjs/graphql';

import { AnswerPolicyEnum } from '../../common/graphql-enums';
import { CriterionInput } from './criterion.input';

@InputType()
export class UpdateRoleProfileInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => [CriterionInput], {
    nullable: true,
    description: 'Replaces the profile; past ratings keep pointing at the criteria they rated.',
  })
  criteria?: CriterionInput[] | null;
  @Field(() => AnswerPolicyEnum, { nullable: true }) answerPolicy?: keyof typeof AnswerPolicyEnum | null;
  @Field(() => String, { nullable: true }) nextSteps?: string | null;
}
