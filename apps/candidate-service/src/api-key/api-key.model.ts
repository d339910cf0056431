import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ApiKey', {
  description: "An organization's key for integrations (an ATS, a calendar sync): acts as a recruiter of that organization.",
})
export class ApiKeyModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: "The key's first characters, to recognise it; the key itself is never shown again." }) prefix!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyModel {
  @Field(() => ApiKeyModel) apiKey!: ApiKeyModel;
  @Field({ description: 'The whole key, shown only in this response. Sent as `Authorization: Bearer <secret>`.' }) secret!: string;
}
