import { Field, ID, ObjectType } from '@nestjs/graphql';

import { ConnectionType } from '../common/pagination';

/** Candidate.sessions is resolved by CandidateResolver through the per-request loaders. */
@ObjectType('Candidate')
export class CandidateModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() email!: string;
  @Field() createdAt!: Date;
  @Field(() => String, { nullable: true, description: "The id this candidate has in the organization's own system (ATS), when given." })
  externalId!: string | null;
}

export const CandidateConnection = ConnectionType(CandidateModel, 'CandidateConnection');
