import { type ApiError, fieldErrors } from '../api';
import type { Draft } from './draft';
import type { Criterion, FormView } from './form-view';

export const LONG_TEXT = 5_000;
export const NOTE = 1_000;

/** The written answers, in the order of the page. */
export const WRITTEN_FIELDS = ['strengths', 'gaps', 'nextSteps', 'candidateMessage', 'privateNote'] as const;

/** What keeps the draft from being sent, keyed as the page's fields are (`rating-<id>`, `note-<id>`, `strengths`…). */
export function validate(draft: Draft, criteria: Criterion[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const criterion of criteria) {
    if (!draft.ratings[criterion.id]) errors[`rating-${criterion.id}`] = 'Choose a rating, or “Not assessed” if it didn’t come up.';
    const note = (draft.notes[criterion.id] ?? '').trim();
    if (note.length > NOTE) errors[`note-${criterion.id}`] = tooLong(note, NOTE);
  }
  if (!draft.overallFit) errors.overallFit = 'Choose the overall fit.';
  if (!draft.strengths.trim()) errors.strengths = 'Name at least one strength for this position.';
  if (!draft.gaps.trim()) errors.gaps = 'Write what is lacking in your picture so far, or say that nothing is.';
  for (const field of WRITTEN_FIELDS) {
    const text = draft[field].trim();
    if (text.length > LONG_TEXT) errors[field] = tooLong(text, LONG_TEXT);
  }
  return errors;
}

/** Why a reason to decline cannot be sent, if it cannot. */
export function declineReasonProblem(reason: string): string | undefined {
  if (!reason) return 'Tell the recruiter briefly why, for example “I didn’t attend”.';
  if (reason.length > 1_000) return `Keep this under 1,000 characters (now ${reason.length.toLocaleString()}).`;
  return undefined;
}

const tooLong = (text: string, max: number) => `Keep this under ${max.toLocaleString()} characters (now ${text.length.toLocaleString()}).`;

/** The server's field paths (`ratings.2.note`) as the page's field keys. */
export function serverFieldErrors(error: ApiError, criteria: Criterion[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    const rating = /^ratings\.(\d+)\.(rating|note|criterionId)$/.exec(field);
    if (rating) {
      const criterion = criteria[Number(rating[1])];
      if (criterion) errors[`${rating[2] === 'note' ? 'note' : 'rating'}-${criterion.id}`] = message;
    } else errors[field] = message;
  }
  if (Object.keys(errors).length === 0) errors.strengths = error.message;
  return errors;
}

export function toInput(draft: Draft, view: FormView) {
  const optional = (text: string) => text.trim() || null;
  return {
    candidateAskedForFeedback: view.candidateAskedForFeedback ? null : draft.candidateAsked,
    overallFit: draft.overallFit,
    ratings: view.criteria.map((criterion) => {
      const value = draft.ratings[criterion.id];
      return {
        criterionId: criterion.id,
        rating: value && value !== 'na' ? Number(value) : null,
        note: optional(draft.notes[criterion.id] ?? ''),
      };
    }),
    strengths: draft.strengths.trim(),
    gaps: draft.gaps.trim(),
    nextSteps: optional(draft.nextSteps),
    candidateMessage: optional(draft.candidateMessage),
    privateNote: optional(draft.privateNote),
  };
}
