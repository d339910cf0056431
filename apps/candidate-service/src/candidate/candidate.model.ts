import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Candidate')
export class CandidateModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() email!: string;
  @Field() createdAt!: Date;
}
