import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

import { AnswerPolicyEnum, CriterionKindEnum } from '../common/graphql-enums';

@ObjectType('Criterion')
export class CriterionModel {
  @Field(() => ID) id!: string;
  @Field() label!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => CriterionKindEnum) kind!: keyof typeof CriterionKindEnum;
  @Field(() => Int, { description: '1 (nice to have) .. 5 (essential)' }) weight!: number;
}

/** Role.criteria is resolved from the role's current criteria (RoleResolver). */
@ObjectType('Role')
export class RoleModel {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field(() => AnswerPolicyEnum) answerPolicy!: keyof typeof AnswerPolicyEnum;
  @Field(() => String, { nullable: true, description: 'What a candidate is told about the next steps after an interview for this role.' })
  nextSteps!: string | null;
  @Field() createdAt!: Date;
}
