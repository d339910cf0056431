import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import type { Loaders } from '../common/loaders';
import { type Connection, MAX_PAGE_SIZE, pageSize } from '../common/pagination';
import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { InterviewSessionModel } from '../session/session.model';
import { CandidateConnection, CandidateModel } from './candidate.model';
import { CandidateService } from './candidate.service';
import { AddCandidateInput } from './dto/add-candidate.input';
import { UpdateCandidateInput } from './dto/update-candidate.input';

@Resolver(() => CandidateModel)
@UseGuards(RecruiterGuard)
export class CandidateResolver {
  constructor(private readonly service: CandidateService) {}

  @Query(() => CandidateConnection)
  candidates(
    @CurrentViewer() viewer: Viewer,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<CandidateModel>> {
    return this.service.list(viewer.organizationId, { search, first, after });
  }

  @Query(() => CandidateModel, { nullable: true })
  candidate(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<CandidateModel | null> {
    return this.service.get(viewer.organizationId, id);
  }

  @Query(() => CandidateModel, {
    nullable: true,
    description: 'The candidate already added with this email, if any: adding another is allowed, so ask first to avoid a duplicate.',
  })
  candidateByEmail(@CurrentViewer() viewer: Viewer, @Args('email') email: string): Promise<CandidateModel | null> {
    return this.service.findByEmail(viewer.organizationId, email);
  }

  @ResolveField(() => [InterviewSessionModel])
  async sessions(
    @Parent() candidate: CandidateModel,
    @Context('loaders') loaders: Loaders,
    @Args('first', { type: () => Int, nullable: true, defaultValue: MAX_PAGE_SIZE, description: 'Oldest first; at most 200.' })
    first: number | null,
  ): Promise<InterviewSessionModel[]> {
    const size = pageSize('first', first, MAX_PAGE_SIZE);
    return (await loaders.sessionsByCandidate.load(candidate.id)).slice(0, size);
  }

  @Mutation(() => CandidateModel)
  addCandidate(@CurrentViewer() viewer: Viewer, @Args('input') input: AddCandidateInput): Promise<CandidateModel> {
    return this.service.add(viewer.organizationId, input);
  }

  @Mutation(() => CandidateModel, { description: "Corrects a candidate's name or email; the same rules as addCandidate." })
  updateCandidate(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateCandidateInput,
  ): Promise<CandidateModel> {
    return this.service.update(viewer.organizationId, id, input);
  }

  @Mutation(() => Boolean, { description: 'Emails the candidate a fresh portal link; older portal links stop working.' })
  async sendCandidatePortalLink(
    @CurrentViewer() viewer: Viewer,
    @Args('candidateId', { type: () => ID }) candidateId: string,
  ): Promise<boolean> {
    await this.service.sendPortalLink(viewer.organizationId, candidateId);
    return true;
  }

  @Mutation(() => CandidateModel)
  setCandidateLegalHold(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('hold') hold: boolean,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<CandidateModel> {
    return this.service.setLegalHold(viewer, id, hold, reason);
  }

  @Mutation(() => Boolean, {
    description: "Erases the candidate's personal data and free-text feedback about them; aggregate counts stay.",
  })
  async eraseCandidate(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.service.erase(viewer.organizationId, id);
    return true;
  }
}
