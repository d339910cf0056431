import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Organization')
export class OrganizationModel {
  @Field(() => ID) id!: string;
  @Field() slug!: string;
  @Field() name!: string;
  @Field(() => Int, { description: 'Hours after a session completes until interviewer forms expire.' })
  feedbackDeadlineHours!: number;
  @Field(() => [Int], { description: 'Hours after a form is sent at which reminders go out, while unanswered.' })
  reminderHours!: number[];
  @Field(() => Int, { description: 'An answer is composed only from at least this many responses (capped at the panel size).' })
  minResponsesForAnswer!: number;
  @Field({ description: 'Whether candidates see the numeric fitScore, not only bands.' })
  shareScoreWithCandidates!: boolean;
  @Field(() => Int, {
    nullable: true,
    description:
      "Days after a candidate's last session ends until their personal data is erased automatically (as eraseCandidate does); null keeps it until erased by hand. Candidates under legal hold are kept.",
  })
  retentionDays!: number | null;
}

@ObjectType('Viewer')
export class ViewerModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() email!: string;
  @Field() role!: string;
  @Field(() => OrganizationModel) organization!: OrganizationModel;
}
