import { Field, InputType } from '@nestjs/graphql';

/** Both fields are required, as when adding: the form sends what the recruiter sees. */
@InputType()
export class UpdateCandidateInput {
  @Field() name!: string;
  @Field() email!: string;
}
