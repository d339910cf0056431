import { clearDraft, Draft, EMPTY_DRAFT, loadDraft, saveDraft } from './draft';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-12-07T10:00:00.000Z');
const KEY = 'closer.form-draft.form-1';

const typed: Draft = {
  ...EMPTY_DRAFT,
  ratings: { c1: '3', c2: '' },
  notes: { c1: 'clear trade-offs' },
  overallFit: 'GOOD_FIT',
  strengths: 'Explains the why',
  privateNote: 'not for the candidate',
};

/** What the page would find stored under `key`, parsed. */
const stored = (key = KEY) => {
  const raw = localStorage.getItem(key);
  return raw === null ? null : (JSON.parse(raw) as unknown);
};

describe('form drafts', () => {
  beforeEach(() => localStorage.clear());

  it('keeps what was typed under the form’s id, with the time it was saved, and gives it back', () => {
    saveDraft('form-1', typed, NOW);
    expect(localStorage.length).toBe(1);
    expect(stored()).toEqual({ savedAt: '2026-12-07T10:00:00.000Z', draft: typed });
    expect(loadDraft('form-1', NOW + 1_000)).toEqual(typed);
    expect(loadDraft('form-2', NOW + 1_000)).toBeNull();
  });

  it('gives a draft back for 7 days after it was saved, and removes it one millisecond later', () => {
    saveDraft('form-1', typed, NOW);
    expect(loadDraft('form-1', NOW + 7 * DAY)).toEqual(typed);
    expect(loadDraft('form-1', NOW + 7 * DAY + 1)).toBeNull();
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('counts from the last save: typing again keeps a draft another 7 days', () => {
    saveDraft('form-1', typed, NOW);
    saveDraft('form-1', { ...typed, gaps: 'on-call' }, NOW + 6 * DAY);
    expect(loadDraft('form-1', NOW + 12 * DAY)).toEqual({ ...typed, gaps: 'on-call' });
  });

  it('opening any form removes every expired draft on the device, and nothing else', () => {
    saveDraft('old-a', typed, NOW - 8 * DAY);
    saveDraft('old-b', typed, NOW - 7 * DAY - 1);
    saveDraft('fresh', typed, NOW - 6 * DAY);
    localStorage.setItem('another-app', 'kept');
    expect(loadDraft('form-1', NOW)).toBeNull();
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).sort();
    expect(keys).toEqual(['another-app', 'closer.form-draft.fresh']);
  });

  it.each([
    ['a draft without a time (stored before drafts expired)', JSON.stringify(typed)],
    ['a draft dated more than a day ahead', JSON.stringify({ savedAt: new Date(NOW + DAY + 1).toISOString(), draft: typed })],
    ['an unreadable time', JSON.stringify({ savedAt: 'yesterday', draft: typed })],
    ['no draft in it', JSON.stringify({ savedAt: new Date(NOW).toISOString(), draft: null })],
    ['text that is not JSON', '{"savedAt":'],
    ['JSON null', 'null'],
  ])('treats %s as nothing, and removes it', (_case, raw) => {
    localStorage.setItem(KEY, raw);
    expect(loadDraft('form-1', NOW)).toBeNull();
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('accepts a clock a little behind: a draft dated up to a day ahead is kept', () => {
    saveDraft('form-1', typed, NOW + DAY);
    expect(loadDraft('form-1', NOW)).toEqual(typed);
  });

  it('fills what an older draft lacks with the empty values', () => {
    localStorage.setItem(KEY, JSON.stringify({ savedAt: new Date(NOW).toISOString(), draft: { strengths: 'Calm under pressure' } }));
    expect(loadDraft('form-1', NOW)).toEqual({ ...EMPTY_DRAFT, strengths: 'Calm under pressure' });
  });

  it('stores nothing for an empty or blank draft, and removes the one there was', () => {
    saveDraft('form-1', typed, NOW);
    saveDraft('form-1', { ...EMPTY_DRAFT, strengths: '   ', notes: { c1: ' ' }, ratings: { c1: '' } }, NOW);
    expect(localStorage.length).toBe(0);
    expect(loadDraft('form-1', NOW)).toBeNull();
  });

  it('keeps a draft that is only the candidate-asked box or one rating', () => {
    saveDraft('form-1', { ...EMPTY_DRAFT, candidateAsked: true }, NOW);
    expect(loadDraft('form-1', NOW)).toEqual({ ...EMPTY_DRAFT, candidateAsked: true });
    saveDraft('form-2', { ...EMPTY_DRAFT, ratings: { c1: '2' } }, NOW);
    expect(loadDraft('form-2', NOW)).toEqual({ ...EMPTY_DRAFT, ratings: { c1: '2' } });
  });

  it('clears one form’s draft and leaves the others', () => {
    saveDraft('form-1', typed, NOW);
    saveDraft('form-2', typed, NOW);
    clearDraft('form-1');
    expect(loadDraft('form-1', NOW)).toBeNull();
    expect(loadDraft('form-2', NOW)).toEqual(typed);
  });

  it('keeps the form working when storage is full: saving neither throws nor stores', () => {
    // jsdom holds a real per-origin quota (5,000,000 code units), like a browser
    localStorage.setItem('filler', 'x'.repeat(4_999_000));
    expect(() => localStorage.setItem('probe', 'x'.repeat(2_000))).toThrow();
    expect(() => saveDraft('form-1', { ...typed, strengths: 's'.repeat(5_000) }, NOW)).not.toThrow();
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(loadDraft('form-1', NOW)).toBeNull();
  });
});
