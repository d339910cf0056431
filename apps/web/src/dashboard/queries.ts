import type { DirectoryQuery, SessionsQuery, StatsQuery, TilesQuery } from '../gql/graphql';

// The dashboard's operations, as the text the web app posts. `npm run schema:generate` checks them
// against the API schema and generates their result types (src/gql, imported as types only, so no
// generated code reaches the bundle); the types below name parts of those results.

export const DIRECTORY = /* GraphQL */ `
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
`;

export type Directory = DirectoryQuery;
export type Role = Directory['roles'][number];
export type Criterion = Role['criteria'][number];
export type Person = Directory['interviewers'][number];

/** The KPI tiles' figures: what the overview shows first, before the full dashboard (STATS) and its charts. */
export const TILES = /* GraphQL */ `
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
`;

export type Tiles = TilesQuery['closingFeedbackDashboard'];

export const STATS = /* GraphQL */ `
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
`;

export type Stats = StatsQuery['closingFeedbackDashboard'];

/**
 * One page of sessions with their forms and answers. The gateway prices a list by its page size
 * (cost limit 5,000; 20 sessions with their forms cost about 900), so pages stay small and the
 * dashboard reads several: SESSIONS_PAGE_SIZE is the `first` the operation asks for.
 */
export const SESSIONS_PAGE_SIZE = 20;
export const SESSIONS_MAX_PAGES = 10;
export const SESSIONS = /* GraphQL */ `
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
`;

export type Session = SessionsQuery['sessions']['nodes'][number];
export type Form = Session['forms'][number];
export type Answer = NonNullable<Session['answer']>;
/** A wording flag: its category, the words that raised it, the candidate-facing field they stand in. */
export type FlagDetail = Answer['flagDetails'][number];
