import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class AddCandidateInput {
  @Field() name!: string;
  @Field() email!: string;
}
