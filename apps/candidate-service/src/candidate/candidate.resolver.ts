import type { RecruiterIdentity } from '@closer/domain';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';

import { CurrentRecruiter } from '../identity/current-recruiter.decorator';
import { OrganizationService } from '../organization/organization.service';
import { CandidateModel } from './candidate.model';
import { CandidateService } from './candidate.service';
import { AddCandidateInput } from './dto/add-candidate.input';

@Resolver(() => CandidateModel)
export class CandidateResolver {
  constructor(
    private readonly candidates: CandidateService,
    private readonly organizations: OrganizationService,
  ) {}

  @Query(() => CandidateModel, { nullable: true })
  async candidate(
    @CurrentRecruiter() identity: RecruiterIdentity,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CandidateModel | null> {
    const { organization } = await this.organizations.viewer(identity);
    return this.candidates.get(organization.id, id);
  }

  @Mutation(() => CandidateModel)
  async addCandidate(@CurrentRecruiter() identity: RecruiterIdentity, @Args('input') input: AddCandidateInput): Promise<CandidateModel> {
    const { organization } = await this.organizations.viewer(identity);
    return this.candidates.add(organization.id, input);
  }

  @Mutation(() => Boolean, { description: 'Emails the candidate a fresh portal link; older portal links stop working.' })
  async sendCandidatePortalLink(
    @CurrentRecruiter() identity: RecruiterIdentity,
    @Args('candidateId', { type: () => ID }) candidateId: string,
  ): Promise<boolean> {
    const { organization } = await this.organizations.viewer(identity);
    await this.candidates.sendPortalLink(organization.id, candidateId);
    return true;
  }
}
