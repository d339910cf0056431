import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('CandidateDataExport', { description: 'Everything the organization holds about one candidate, for a subject-access request.' })
export class CandidateDataExportModel {
  @Field() generatedAt!: Date;
  @Field({
    description:
      "One JSON document: the candidate, sessions, forms, responses (interviewers shown as 'Interviewer 1', 'Interviewer 2' … unless asked otherwise), answers, requests, mails sent.",
  })
  json!: string;
}
