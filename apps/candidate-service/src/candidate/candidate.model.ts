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
  @Field(() => Boolean, { description: 'Kept past the retention period (a dispute, a legal claim) until the hold is lifted.' })
  legalHold!: boolean;
  @Field(() => Date, { nullable: true, description: "When the candidate's personal data was erased (by hand or by the retention period)." })
  erasedAt!: Date | null;
}

export const CandidateConnection = ConnectionType(CandidateModel, 'CandidateConnection');
