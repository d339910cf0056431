import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class AddCandidateInput {
  @Field() name!: string;
  @Field() email!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'With an externalId the call is an idempotent upsert: the same externalId in the organization returns the same candidate, updated.',
  })
  externalId?: string | null;
}
