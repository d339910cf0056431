import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class AddInterviewerInput {
  @Field() name!: string;
  @Field() email!: string;
}
