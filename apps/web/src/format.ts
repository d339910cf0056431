import type { AnswerPolicy, AnswerStatus, CriterionKind, FitBand, FitLevel, FormStatus, SessionStatus } from './gql/graphql';

// the API's enums, generated from its schema (src/gql): a value added there fails the labels below to compile
export type { AnswerPolicy, AnswerStatus, CriterionKind, FitBand, FitLevel, FormStatus, SessionStatus };

export const FIT_BANDS: FitBand[] = ['NOT_A_FIT', 'PARTIAL_FIT', 'GOOD_FIT', 'STRONG_FIT'];

export const FIT_BAND_LABEL: Record<FitBand, string> = {
  NOT_A_FIT: 'Not a fit',
  PARTIAL_FIT: 'Partial fit',
  GOOD_FIT: 'Good fit',
  STRONG_FIT: 'Strong fit',
};

/** How the band reads to the candidate, as a sentence about them and the profile. */
export const FIT_BAND_FOR_CANDIDATE: Record<FitBand, string> = {
  NOT_A_FIT: 'Not a fit for this profile at this point',
  PARTIAL_FIT: 'A partial fit for the profile',
  GOOD_FIT: 'A good fit for the profile',
  STRONG_FIT: 'A strong fit for the profile',
};

export const FIT_LEVEL_LABEL: Record<FitLevel, string> = {
  STRENGTH: 'A strength',
  MEETS: 'Meets the profile',
  PARTLY: 'Partly there',
  NOT_YET: 'Not yet evident',
  NOT_ASSESSED: 'Not assessed in this interview',
};

export const FIT_LEVEL_STEPS: Record<FitLevel, number> = { NOT_ASSESSED: 0, NOT_YET: 1, PARTLY: 2, MEETS: 3, STRENGTH: 4 };

export const RATING_LABEL: Record<number, string> = { 1: 'Not yet evident', 2: 'Partly', 3: 'Meets', 4: 'Exceeds' };

export const KIND_LABEL: Record<CriterionKind, string> = { SKILL: 'Skill', EXPERIENCE: 'Experience', QUALITY: 'Quality' };

export const WEIGHT_LABEL: Record<number, string> = {
  1: '1 · nice to have',
  2: '2',
  3: '3 · important',
  4: '4',
  5: '5 · essential',
};

export const FORM_STATUS_LABEL: Record<FormStatus, string> = {
  PENDING: 'Queued',
  SENT: 'Sent',
  OPENED: 'Opened',
  SUBMITTED: 'Answered',
  DECLINED: 'Declined',
  EXPIRED: 'Expired',
  FAILED: 'Failed',
};

export const SESSION_STATUS_LABEL: Record<SessionStatus, string> = {
  SCHEDULED: 'Scheduled',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
};

export const ANSWER_STATUS_LABEL: Record<AnswerStatus, string> = {
  WAITING_FOR_FEEDBACK: 'Waiting for feedback',
  AWAITING_REVIEW: 'Awaiting review',
  RELEASED: 'Released',
  WITHHELD: 'Withheld',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const weekFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function formatDateTime(value: string | null | undefined): string {
  return value ? dateTime.format(new Date(value)) : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? dateOnly.format(new Date(value)) : '—';
}

export function formatWeek(value: string): string {
  return weekFormat.format(new Date(value));
}

/** A rate as a percentage, never outside 0..100%: a rate above 1 would be a bug, not a result to show. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(clampRate(value) * 100)}%`;
}

export function clampRate(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export function formatHours(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value < 1) return `${Math.max(1, Math.round(value * 60))} min`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} h`;
}

export function formatSigned(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '—';
  if (Math.abs(value) < 0.5 / 10 ** digits) return (0).toFixed(digits);
  return value > 0 ? `+${value.toFixed(digits)}` : `−${Math.abs(value).toFixed(digits)}`;
}
