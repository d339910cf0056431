import type { InterviewerEntity } from '@closer/database';
import { LIST_LIMITS } from '@closer/query-limits';
import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import { toCandidateAnswerModel } from '../answer/answer.mapper';
import { CandidateAnswerModel } from '../answer/answer.model';
import { CandidateModel } from '../candidate/candidate.model';
import type { Loaders } from '../common/loaders';
import type { Connection } from '../common/pagination';
import { toFeedbackFormModel } from '../form/form.mapper';
import { FeedbackFormModel } from '../form/form.model';
import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { InterviewerModel } from '../interviewer/interviewer.model';
import { RoleModel } from '../role/role.model';
import { ScheduleSessionInput } from './dto/schedule-session.input';
import { SessionFilter } from './dto/session-filter.input';
import { InterviewSessionModel, MailRecordModel, SessionConnection } from './session.model';
import { SessionService } from './session.service';

/** Every nested field goes through the per-request loaders: one query per kind of row, not per session. */
@Resolver(() => InterviewSessionModel)
@UseGuards(RecruiterGuard)
export class SessionResolver {
  constructor(private readonly service: SessionService) {}

  @Query(() => InterviewSessionModel, { nullable: true })
  session(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<InterviewSessionModel | null> {
    return this.service.get(viewer.organizationId, id);
  }

  @Query(() => InterviewSessionModel, { nullable: true })
  sessionByExternalId(@CurrentViewer() viewer: Viewer, @Args('externalId') externalId: string): Promise<InterviewSessionModel | null> {
    return this.service.getByExternalId(viewer.organizationId, externalId);
  }

  @Query(() => SessionConnection)
  sessions(
    @CurrentViewer() viewer: Viewer,
    @Args('filter', { type: () => SessionFilter, nullable: true }) filter: SessionFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<InterviewSessionModel>> {
    return this.service.list(viewer.organizationId, { filter, first, after });
  }

  @Mutation(() => InterviewSessionModel, {
    description: 'Schedules a session; the candidate is emailed a portal link where they can ask the closing question.',
  })
  scheduleSession(@CurrentViewer() viewer: Viewer, @Args('input') input: ScheduleSessionInput): Promise<InterviewSessionModel> {
    return this.service.schedule(viewer, input);
  }

  @Mutation(() => InterviewSessionModel, {
    description: 'Ends the session; every interviewer is then emailed a fit form. Sessions also complete on their own at endsAt.',
  })
  completeSession(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<InterviewSessionModel> {
    return this.service.complete(viewer.organizationId, id);
  }

  @Mutation(() => InterviewSessionModel)
  cancelSession(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<InterviewSessionModel> {
    return this.service.cancel(viewer.organizationId, id);
  }

  @Mutation(() => InterviewSessionModel, {
    description:
      'Adds an interviewer to a completed session whose answer is still open or was withheld for too few responses: their form is emailed, and a withheld answer waits for feedback again.',
  })
  addSessionInterviewer(
    @CurrentViewer() viewer: Viewer,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('interviewerId', { type: () => ID }) interviewerId: string,
  ): Promise<InterviewSessionModel> {
    return this.service.addInterviewer(viewer.organizationId, sessionId, interviewerId);
  }

  @Mutation(() => InterviewSessionModel, { description: 'Records that the candidate asked the closing question in the room.' })
  recordFitFeedbackRequest(
    @CurrentViewer() viewer: Viewer,
    @Args('sessionId', { type: () => ID }) sessionId: string,
  ): Promise<InterviewSessionModel> {
    return this.service.recordFitFeedbackRequest(viewer.organizationId, sessionId);
  }

  @ResolveField(() => CandidateModel)
  async candidate(@Parent() session: InterviewSessionModel, @Context('loaders') loaders: Loaders): Promise<CandidateModel> {
    const candidate = await loaders.candidate.load(session.candidateId);
    if (!candidate) throw new Error(`Session ${session.id} refers to a missing candidate`);
    const { id, name, email, createdAt, legalHold, erasedAt, externalId } = candidate;
    return { id, name, email, createdAt, legalHold, erasedAt, externalId };
  }

  @ResolveField(() => RoleModel)
  async role(@Parent() session: InterviewSessionModel, @Context('loaders') loaders: Loaders): Promise<RoleModel> {
    const role = await loaders.role.load(session.roleId);
    if (!role) throw new Error(`Session ${session.id} refers to a missing role`);
    return { id: role.id, title: role.title, answerPolicy: role.answerPolicy, nextSteps: role.nextSteps, createdAt: role.createdAt };
  }

  /** The panel: the interviewers of the session's forms, in form order. */
  @ResolveField(() => [InterviewerModel])
  async interviewers(@Parent() session: InterviewSessionModel, @Context('loaders') loaders: Loaders): Promise<InterviewerModel[]> {
    const forms = await loaders.formsBySession.load(session.id);
    const interviewers = await loaders.interviewer.loadMany(forms.map((form) => form.interviewerId));
    return interviewers
      .filter((interviewer): interviewer is InterviewerEntity => !!interviewer && !(interviewer instanceof Error))
      .map(({ id, name, email, externalId }) => ({ id, name, email, externalId }));
  }

  @ResolveField(() => [FeedbackFormModel])
  async forms(@Parent() session: InterviewSessionModel, @Context('loaders') loaders: Loaders): Promise<FeedbackFormModel[]> {
    const forms = await loaders.formsBySession.load(session.id);
    return forms.map(toFeedbackFormModel);
  }

  @ResolveField(() => CandidateAnswerModel, { nullable: true })
  async answer(@Parent() session: InterviewSessionModel, @Context('loaders') loaders: Loaders): Promise<CandidateAnswerModel | null> {
    const answer = await loaders.answerBySession.load(session.id);
    return answer && toCandidateAnswerModel(answer);
  }

  @ResolveField(() => [MailRecordModel], {
    description: "The session's mails, oldest first: form invites, reminders, escalations, the candidate's. At most 200.",
  })
  async mails(@Parent() session: InterviewSessionModel, @Context('loaders') loaders: Loaders): Promise<MailRecordModel[]> {
    const rows = await loaders.mailsBySession.load(session.id);
    return rows
      .slice(-LIST_LIMITS.pageSize)
      .map((row) => ({ id: row.id, kind: row.kind, status: row.status, at: row.created_at, formId: row.form_id }));
  }

  @ResolveField(() => Boolean, { description: 'Whether the candidate asked the closing question: how well do I fit the profile?' })
  async fitFeedbackRequested(@Parent() session: InterviewSessionModel, @Context('loaders') loaders: Loaders): Promise<boolean> {
    return (await loaders.fitRequestBySession.load(session.id)) !== null;
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'The date promised to the candidate when they asked (see CandidateSessionView.answerExpectedBy).',
  })
  async answerExpectedBy(@Parent() session: InterviewSessionModel, @Context('loaders') loaders: Loaders): Promise<Date | null> {
    return (await loaders.fitRequestBySession.load(session.id))?.answerExpectedBy ?? null;
  }
}
