import type { ReactNode } from 'react';

import type { FlagDetail } from './queries';

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

interface Range {
  start: number;
  end: number;
  categories: string[];
}

/** Where each excerpt stands in the text, as whole words ("man" not inside "management"); overlaps merged. */
function rangesOf(text: string, details: readonly FlagDetail[]): Range[] {
  const ranges: Range[] = [];
  for (const { excerpt, category } of details) {
    if (!excerpt) continue;
    for (let at = text.indexOf(excerpt); at !== -1; at = text.indexOf(excerpt, at + 1)) {
      const end = at + excerpt.length;
      if (WORD_CHARACTER.test(text[at - 1] ?? '') || WORD_CHARACTER.test(text[end] ?? '')) continue;
      ranges.push({ start: at, end, categories: [category] });
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start < last.end) {
      last.end = Math.max(last.end, range.end);
      for (const category of range.categories) if (!last.categories.includes(category)) last.categories.push(category);
    } else {
      merged.push({ ...range, categories: [...range.categories] });
    }
  }
  return merged;
}

/**
 * The text with the words the wording check flagged marked. A <mark> is not announced by most
 * screen readers, so each one carries its category as visually hidden text.
 */
export function FlaggedText({ text, details }: { text: string; details: readonly FlagDetail[] }): ReactNode {
  const parts: ReactNode[] = [];
  let cursor = 0;
  for (const range of rangesOf(text, details)) {
    if (range.start > cursor) parts.push(text.slice(cursor, range.start));
    parts.push(
      <mark key={range.start} className="flagged">
        {text.slice(range.start, range.end)}
        <span className="sr-only"> (flagged: {range.categories.join(', ')})</span>
      </mark>,
    );
    cursor = range.end;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  return <>{parts}</>;
}
