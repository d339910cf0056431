/** What the interviewer has typed so far; kept on this device until the form is submitted or declined, 7 days at most. */
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
const PREFIX = 'closer.form-draft.';
const key = (formId: string) => `${PREFIX}${formId}`;

/**
 * How long a draft is kept on the device after it was last saved. Feedback and private notes
 * about a candidate should not outlive the form on a shared or lost device; a form is due
 * within days, so a week-old draft is of no use.
 */
export const DRAFT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

interface StoredDraft {
  savedAt: string;
  draft: Partial<Draft>;
}

/**
 * The draft of this form, if one was saved in the last 7 days. Opening a form also removes
 * every expired draft this device holds, of this form and of any other.
 */
export function loadDraft(formId: string, now = Date.now()): Draft | null {
  try {
    removeExpiredDrafts(now);
    const stored = readStored(key(formId), now);
    if (!stored) return null;
    const parsed = stored.draft;
    const draft: Draft = { ...EMPTY_DRAFT, ...parsed, ratings: { ...parsed.ratings }, notes: { ...parsed.notes } };
    return isEmpty(draft) ? null : draft;
  } catch {
    return null;
  }
}

export function saveDraft(formId: string, draft: Draft, now = Date.now()): void {
  try {
    if (isEmpty(draft)) localStorage.removeItem(key(formId));
    else localStorage.setItem(key(formId), JSON.stringify({ savedAt: new Date(now).toISOString(), draft } satisfies StoredDraft));
  } catch {
    // storage full or disabled: the form still works, only without a safety net
  }
}

function removeExpiredDrafts(now: number): void {
  const keys = Array.from({ length: localStorage.length }, (_, index) => localStorage.key(index));
  for (const name of keys) if (name?.startsWith(PREFIX)) readStored(name, now);
}

/** The stored draft under `name` if it is readable and fresh; anything else is removed. */
function readStored(name: string, now: number): StoredDraft | null {
  const raw = localStorage.getItem(name);
  if (raw === null) return null;
  let stored: StoredDraft | null = null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredDraft> | null;
    const savedAt = typeof parsed?.savedAt === 'string' ? Date.parse(parsed.savedAt) : NaN;
    // a draft without a time (saved before drafts expired) counts as old; one saved "tomorrow" as unreadable
    const fresh = now - savedAt <= DRAFT_LIFETIME_MS && savedAt - now <= 24 * 60 * 60 * 1000;
    if (fresh && typeof parsed!.draft === 'object' && parsed!.draft !== null) stored = { savedAt: parsed!.savedAt!, draft: parsed!.draft };
  } catch {
    // not JSON: removed below
  }
  if (!stored) localStorage.removeItem(name);
  return stored;
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
