import type { CriterionEntity, InterviewerEntity } from '@closer/database';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';

import type { Loaders } from '../common/loaders';
import { InterviewerModel } from '../interviewer/interviewer.model';
import { toCriterionModel } from './form.mapper';
import { CriterionRatingModel, FeedbackResponseModel } from './form.model';

/** Reached by recruiters (session forms) and by the interviewer's own link (their response). */
@Resolver(() => FeedbackResponseModel)
export class ResponseResolver {
  @ResolveField(() => InterviewerModel)
  async interviewer(@Parent() response: FeedbackResponseModel, @Context('loaders') loaders: Loaders): Promise<InterviewerEntity> {
    return (await loaders.interviewer.load(response.interviewerId))!;
  }

  /** One per criterion the form asked about, in the profile's order (null rating: not assessed). */
  @ResolveField(() => [CriterionRatingModel])
  async ratings(@Parent() response: FeedbackResponseModel, @Context('loaders') loaders: Loaders): Promise<CriterionRatingModel[]> {
    const ratings = await loaders.ratingsByResponse.load(response.id);
    const criteria = await loaders.criterion.loadMany(ratings.map((rating) => rating.criterionId));
    return ratings
      .map((rating, index) => ({ rating, criterion: criteria[index] }))
      .filter((entry): entry is { rating: (typeof ratings)[number]; criterion: CriterionEntity } => isCriterion(entry.criterion))
      .sort((a, b) => a.criterion.position - b.criterion.position || a.criterion.createdAt.getTime() - b.criterion.createdAt.getTime())
      .map(({ rating, criterion }) => ({ criterion: toCriterionModel(criterion), rating: rating.rating, note: rating.note }));
  }
}

function isCriterion(value: CriterionEntity | Error | null): value is CriterionEntity {
  return value !== null && !(value instanceof Error);
}
