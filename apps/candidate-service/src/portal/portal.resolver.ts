import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';

import { CandidatePortalModel, CandidateSessionViewModel } from './portal.model';
import { PortalService } from './portal.service';

/** Candidate operations: no guard, the portal link's token is the only credential. */
@Resolver(() => CandidatePortalModel)
export class PortalResolver {
  constructor(private readonly portal: PortalService) {}

  @Query(() => CandidatePortalModel, { description: "Candidate, by the portal link's token." })
  candidatePortal(@Args('token') token: string): Promise<CandidatePortalModel> {
    return this.portal.portalOf(token);
  }

  @Mutation(() => CandidateSessionViewModel, { description: "Candidate, by the portal link's token: asks how well they fit the profile." })
  requestFitFeedback(
    @Args('token') token: string,
    @Args('sessionId', { type: () => ID }) sessionId: string,
  ): Promise<CandidateSessionViewModel> {
    return this.portal.requestFitFeedback(token, sessionId);
  }

  @Mutation(() => CandidateSessionViewModel, { description: "Candidate, by the portal link's token: was the answer helpful?" })
  rateCandidateAnswer(
    @Args('token') token: string,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('helpful') helpful: boolean,
    @Args('comment', { type: () => String, nullable: true }) comment?: string | null,
  ): Promise<CandidateSessionViewModel> {
    return this.portal.rateAnswer(token, sessionId, helpful, comment);
  }

  @Mutation(() => CandidateSessionViewModel, {
    description:
      "Candidate, by the portal link's token: one reply to a released answer; the recruiter who scheduled the session is emailed. CONFLICT on a second reply.",
  })
  replyToCandidateAnswer(
    @Args('token') token: string,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('message') message: string,
  ): Promise<CandidateSessionViewModel> {
    return this.portal.reply(token, sessionId, message);
  }
}
