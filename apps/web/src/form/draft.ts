/** What the interviewer has typed so far; kept on this device until the form is submitted or declined. */
export interface Draft {
  ratings: Record<string, string>;
  notes: Record<string, string>;
  overallFit: string;
  candidateAsked: boolean;
  strengths: string;
  gaps: string;
  nextSteps: string;
  candidateMessage: string;
  privateNote: string;
  declineReason: string;
}

export const EMPTY_DRAFT: Draft = {
  ratings: {},
  notes: {},
  overallFit: '',
  candidateAsked: false,
  strengths: '',
  gaps: '',
  nextSteps: '',
  candidateMessage: '',
  privateNote: '',
  declineReason: '',
};

// keyed by the form's id, never by the link token
const key = (formId: string) => `closer.form-draft.${formId}`;

export function loadDraft(formId: string): Draft | null {
  try {
    const raw = localStorage.getItem(key(formId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    const draft: Draft = { ...EMPTY_DRAFT, ...parsed, ratings: { ...parsed.ratings }, notes: { ...parsed.notes } };
    return isEmpty(draft) ? null : draft;
  } catch {
    return null;
  }
}

export function saveDraft(formId: string, draft: Draft): void {
  try {
    if (isEmpty(draft)) localStorage.removeItem(key(formId));
    else localStorage.setItem(key(formId), JSON.stringify(draft));
  } catch {
    // storage full or disabled: the form still works, only without a safety net
  }
}

export function clearDraft(formId: string): void {
  try {
    localStorage.removeItem(key(formId));
  } catch {
    // nothing to clear
  }
}

function isEmpty(draft: Draft): boolean {
  const texts = [
    draft.overallFit,
    draft.strengths,
    draft.gaps,
    draft.nextSteps,
    draft.candidateMessage,
    draft.privateNote,
    draft.declineReason,
  ];
  return (
    !draft.candidateAsked &&
    texts.every((text) => text.trim() === '') &&
    Object.values(draft.ratings).every((value) => !value) &&
    Object.values(draft.notes).every((value) => value.trim() === '')
  );
}
