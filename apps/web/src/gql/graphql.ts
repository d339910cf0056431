/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AnswerPolicy =
  /** The candidate's answer is released as soon as it is composed. */
  | 'AUTO_RELEASE'
  /** A recruiter releases (optionally edits) or withholds each answer. */
  | 'RECRUITER_REVIEW';

export type AnswerStatus =
  | 'AWAITING_REVIEW'
  | 'RELEASED'
  | 'WAITING_FOR_FEEDBACK'
  | 'WITHHELD';

export type CriterionKind =
  | 'EXPERIENCE'
  | 'QUALITY'
  | 'SKILL';

export type FitBand =
  | 'GOOD_FIT'
  | 'NOT_A_FIT'
  | 'PARTIAL_FIT'
  | 'STRONG_FIT';

/** How the panel saw the candidate against one criterion of the profile. */
export type FitLevel =
  /** 3 <= mean < 3.5 */
  | 'MEETS'
  /** nobody rated it in this session */
  | 'NOT_ASSESSED'
  /** mean < 2 */
  | 'NOT_YET'
  /** 2 <= mean < 3 */
  | 'PARTLY'
  /** mean rating >= 3.5 */
  | 'STRENGTH';

export type FormStatus =
  /** The interviewer declined (did not attend, cannot judge), with a reason. */
  | 'DECLINED'
  | 'EXPIRED'
  | 'FAILED'
  | 'OPENED'
  | 'PENDING'
  | 'SENT'
  | 'SUBMITTED';

export type SessionFilter = {
  /** Sessions whose candidate's answer has this status (e.g. WITHHELD: what needs attention). */
  answerStatus?: AnswerStatus | null | undefined;
  candidateId?: string | number | null | undefined;
  roleId?: string | number | null | undefined;
  status?: SessionStatus | null | undefined;
};

export type SessionStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'SCHEDULED';

export type DirectoryQueryVariables = Exact<{ [key: string]: never; }>;


export type DirectoryQuery = { me: { name: string, email: string, role: string, organization: { name: string, slug: string, minResponsesForAnswer: number } }, roles: Array<{ id: string, title: string, answerPolicy: AnswerPolicy, nextSteps: string | null, criteria: Array<{ id: string, label: string, description: string | null, kind: CriterionKind, weight: number }> }>, interviewers: Array<{ id: string, name: string, email: string }>, candidates: { totalCount: number, nodes: Array<{ id: string, name: string, email: string, legalHold: boolean, erasedAt: string | null }> } };

export type TilesQueryVariables = Exact<{
  roleId?: string | number | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type TilesQuery = { closingFeedbackDashboard: { from: string, to: string, sessionsCompleted: number, fitFeedbackRequested: number, formsSent: number, formsSubmitted: number, formsDeclined: number, responseRate: number | null, medianHoursToFeedback: number | null, medianHoursToAnswer: number | null, answersReleased: number, answersWithheld: number, helpfulRate: number | null, promisesKeptRate: number | null } };

export type StatsQueryVariables = Exact<{
  roleId?: string | number | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type StatsQuery = { closingFeedbackDashboard: { from: string, to: string, sessionsCompleted: number, fitFeedbackRequested: number, formsSent: number, formsSubmitted: number, formsDeclined: number, responseRate: number | null, medianHoursToFeedback: number | null, medianHoursToAnswer: number | null, answersReleased: number, answersWithheld: number, helpfulRate: number | null, promisesKeptRate: number | null, fitDistribution: Array<{ band: FitBand, count: number }>, criteria: Array<{ roleTitle: string, averageRating: number | null, ratedCount: number, lackingCount: number, criterion: { id: string, label: string } }>, interviewers: Array<{ formsSent: number, formsSubmitted: number, medianHoursToFeedback: number | null, averageOverallFit: number | null, calibrationDelta: number | null, interviewer: { id: string, name: string } }>, weekly: Array<{ weekStart: string, sessionsCompleted: number, responseRate: number | null, averageFitScore: number | null }> } };

export type SessionsQueryVariables = Exact<{
  filter?: SessionFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type SessionsQuery = { sessions: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ id: string, title: string, status: SessionStatus, startsAt: string, endsAt: string, completedAt: string | null, feedbackDueAt: string | null, fitFeedbackRequested: boolean, candidate: { id: string, name: string }, role: { id: string, title: string }, forms: Array<{ id: string, status: FormStatus, sentAt: string | null, submittedAt: string | null, expiresAt: string | null, lastError: string | null, interviewer: { id: string, name: string, email: string }, response: { overallFit: FitBand, candidateMessage: string | null } | null }>, answer: { id: string, status: AnswerStatus, fitBand: FitBand | null, fitScore: number | null, strengths: Array<string>, gaps: Array<string>, nextSteps: string | null, message: string | null, responsesCount: number, flags: Array<string>, withheldReason: string | null, releasedAt: string | null, helpful: boolean | null, candidateNotifiedAt: string | null, candidateReply: string | null, candidateRepliedAt: string | null, profile: Array<{ criterion: string, kind: CriterionKind, level: FitLevel }>, flagDetails: Array<{ category: string, excerpt: string, field: string }> } | null }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const DirectoryDocument = new TypedDocumentString(`
    query Directory {
  me {
    name
    email
    role
    organization {
      name
      slug
      minResponsesForAnswer
    }
  }
  roles {
    id
    title
    answerPolicy
    nextSteps
    criteria {
      id
      label
      description
      kind
      weight
    }
  }
  interviewers {
    id
    name
    email
  }
  candidates(first: 200) {
    totalCount
    nodes {
      id
      name
      email
      legalHold
      erasedAt
    }
  }
}
    `) as unknown as TypedDocumentString<DirectoryQuery, DirectoryQueryVariables>;
export const TilesDocument = new TypedDocumentString(`
    query Tiles($roleId: ID, $from: DateTime, $to: DateTime) {
  closingFeedbackDashboard(roleId: $roleId, from: $from, to: $to) {
    from
    to
    sessionsCompleted
    fitFeedbackRequested
    formsSent
    formsSubmitted
    formsDeclined
    responseRate
    medianHoursToFeedback
    medianHoursToAnswer
    answersReleased
    answersWithheld
    helpfulRate
    promisesKeptRate
  }
}
    `) as unknown as TypedDocumentString<TilesQuery, TilesQueryVariables>;
export const StatsDocument = new TypedDocumentString(`
    query Stats($roleId: ID, $from: DateTime, $to: DateTime) {
  closingFeedbackDashboard(roleId: $roleId, from: $from, to: $to) {
    from
    to
    sessionsCompleted
    fitFeedbackRequested
    formsSent
    formsSubmitted
    formsDeclined
    responseRate
    medianHoursToFeedback
    medianHoursToAnswer
    answersReleased
    answersWithheld
    helpfulRate
    promisesKeptRate
    fitDistribution {
      band
      count
    }
    criteria {
      criterion {
        id
        label
      }
      roleTitle
      averageRating
      ratedCount
      lackingCount
    }
    interviewers {
      interviewer {
        id
        name
      }
      formsSent
      formsSubmitted
      medianHoursToFeedback
      averageOverallFit
      calibrationDelta
    }
    weekly {
      weekStart
      sessionsCompleted
      responseRate
      averageFitScore
    }
  }
}
    `) as unknown as TypedDocumentString<StatsQuery, StatsQueryVariables>;
export const SessionsDocument = new TypedDocumentString(`
    query Sessions($filter: SessionFilter, $after: String) {
  sessions(filter: $filter, first: 20, after: $after) {
    totalCount
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      id
      title
      status
      startsAt
      endsAt
      completedAt
      feedbackDueAt
      fitFeedbackRequested
      candidate {
        id
        name
      }
      role {
        id
        title
      }
      forms {
        id
        status
        sentAt
        submittedAt
        expiresAt
        lastError
        interviewer {
          id
          name
          email
        }
        response {
          overallFit
          candidateMessage
        }
      }
      answer {
        id
        status
        fitBand
        fitScore
        profile {
          criterion
          kind
          level
        }
        strengths
        gaps
        nextSteps
        message
        responsesCount
        flags
        flagDetails {
          category
          excerpt
          field
        }
        withheldReason
        releasedAt
        helpful
        candidateNotifiedAt
        candidateReply
        candidateRepliedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SessionsQuery, SessionsQueryVariables>;