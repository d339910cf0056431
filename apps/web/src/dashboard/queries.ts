import type { AnswerPolicy, AnswerStatus, CriterionKind, FitBand, FitLevel, FormStatus, SessionStatus } from '../format';

export interface Criterion {
  id: string;
  label: string;
  description: string | null;
  kind: CriterionKind;
  weight: number;
}

export interface Role {
  id: string;
  title: string;
  answerPolicy: AnswerPolicy;
  nextSteps: string | null;
  criteria: Criterion[];
}

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface Directory {
  me: { name: string; email: string; role: string; organization: { name: string; slug: string; minResponsesForAnswer: number } };
  roles: Role[];
  interviewers: Person[];
  candidates: { nodes: (Person & { legalHold: boolean; erasedAt: string | null })[]; totalCount: number };
}

export const DIRECTORY = `query Directory {
  me { name email role organization { name slug minResponsesForAnswer } }
  roles { id title answerPolicy nextSteps criteria { id label description kind weight } }
  interviewers { id name email }
  candidates(first: 200) { totalCount nodes { id name email legalHold erasedAt } }
}`;

export interface Stats {
  from: string;
  to: string;
  sessionsCompleted: number;
  fitFeedbackRequested: number;
  formsSent: number;
  formsSubmitted: number;
  formsDeclined: number;
  responseRate: number | null;
  medianHoursToFeedback: number | null;
  medianHoursToAnswer: number | null;
  answersReleased: number;
  answersWithheld: number;
  helpfulRate: number | null;
  promisesKeptRate: number | null;
  fitDistribution: { band: FitBand; count: number }[];
  criteria: {
    criterion: { id: string; label: string };
    roleTitle: string;
    averageRating: number | null;
    ratedCount: number;
    lackingCount: number;
  }[];
  interviewers: {
    interviewer: { id: string; name: string };
    formsSent: number;
    formsSubmitted: number;
    medianHoursToFeedback: number | null;
    averageOverallFit: number | null;
    calibrationDelta: number | null;
  }[];
  weekly: { weekStart: string; sessionsCompleted: number; responseRate: number | null; averageFitScore: number | null }[];
}

/** The KPI tiles' figures: what the overview shows first, before the full dashboard (STATS) and its charts. */
export type Tiles = Omit<Stats, 'fitDistribution' | 'criteria' | 'interviewers' | 'weekly'>;

export const TILES = `query Tiles($roleId: ID, $from: DateTime, $to: DateTime) {
  closingFeedbackDashboard(roleId: $roleId, from: $from, to: $to) {
    from to sessionsCompleted fitFeedbackRequested formsSent formsSubmitted formsDeclined responseRate
    medianHoursToFeedback medianHoursToAnswer answersReleased answersWithheld helpfulRate promisesKeptRate
  }
}`;

export const STATS = `query Stats($roleId: ID, $from: DateTime, $to: DateTime) {
  closingFeedbackDashboard(roleId: $roleId, from: $from, to: $to) {
    from to sessionsCompleted fitFeedbackRequested formsSent formsSubmitted formsDeclined responseRate
    medianHoursToFeedback medianHoursToAnswer answersReleased answersWithheld helpfulRate promisesKeptRate
    fitDistribution { band count }
    criteria { criterion { id label } roleTitle averageRating ratedCount lackingCount }
    interviewers { interviewer { id name } formsSent formsSubmitted medianHoursToFeedback averageOverallFit calibrationDelta }
    weekly { weekStart sessionsCompleted responseRate averageFitScore }
  }
}`;

export interface Form {
  id: string;
  status: FormStatus;
  sentAt: string | null;
  submittedAt: string | null;
  expiresAt: string | null;
  lastError: string | null;
  interviewer: Person;
  response: { overallFit: FitBand; candidateMessage: string | null } | null;
}

/** A wording flag: its category, the words that raised it, the candidate-facing field they stand in. */
export interface FlagDetail {
  category: string;
  excerpt: string;
  field: string;
}

export interface Answer {
  id: string;
  status: AnswerStatus;
  fitBand: FitBand | null;
  fitScore: number | null;
  profile: { criterion: string; kind: CriterionKind; level: FitLevel }[];
  strengths: string[];
  gaps: string[];
  nextSteps: string | null;
  message: string | null;
  responsesCount: number;
  flags: string[];
  flagDetails: FlagDetail[];
  withheldReason: string | null;
  releasedAt: string | null;
  helpful: boolean | null;
  candidateReply: string | null;
  candidateRepliedAt: string | null;
  candidateNotifiedAt: string | null;
}

export interface Session {
  id: string;
  title: string;
  status: SessionStatus;
  startsAt: string;
  endsAt: string;
  completedAt: string | null;
  feedbackDueAt: string | null;
  fitFeedbackRequested: boolean;
  candidate: { id: string; name: string };
  role: { id: string; title: string };
  forms: Form[];
  answer: Answer | null;
}

/**
 * One page of sessions with their forms and answers. The gateway prices a list by its page size
 * (cost limit 5,000; 20 sessions with their forms cost about 900), so pages stay small and the
 * dashboard reads several.
 */
export const SESSIONS_PAGE_SIZE = 20;
export const SESSIONS_MAX_PAGES = 10;
export const SESSIONS = `query Sessions($filter: SessionFilter, $after: String) {
  sessions(filter: $filter, first: ${SESSIONS_PAGE_SIZE}, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes {
      id title status startsAt endsAt completedAt feedbackDueAt fitFeedbackRequested
      candidate { id name }
      role { id title }
      forms { id status sentAt submittedAt expiresAt lastError interviewer { id name email } response { overallFit candidateMessage } }
      answer {
        id status fitBand fitScore profile { criterion kind level } strengths gaps nextSteps message
        responsesCount flags flagDetails { category excerpt field } withheldReason releasedAt helpful candidateNotifiedAt candidateReply candidateRepliedAt
      }
    }
  }
}`;
