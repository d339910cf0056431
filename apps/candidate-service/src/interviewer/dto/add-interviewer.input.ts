import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class AddInterviewerInput {
  @Field() name!: string;
  @Field() email!: string;
  @Field(() => String, { nullable: true, description: 'Idempotent upsert by externalId, as for candidates.' }) externalId?: string | null;
}
