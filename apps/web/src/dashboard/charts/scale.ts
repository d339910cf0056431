// The arithmetic behind the dashboard's SVG charts: where ticks go and how a long label wraps.
// Positions along a chart's value axis are percentages of its plot's width or height, so a chart
// is drawn once, at any width, with no measuring.

/** Round tick values covering min..max, about `count` of them (steps of 1, 2, 2.5 or 5 × 10ⁿ). */
export function niceTicks(min: number, max: number, { count = 5, integers = false } = {}): number[] {
  const low = Math.min(0, min);
  const high = max > low ? max : low + 1;
  const raw = (high - low) / (count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).filter((s) => !integers || Number.isInteger(s));
  const step = Math.max(integers ? 1 : 0, steps.find((s) => s >= raw) ?? 10 * magnitude);
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  // multiplying the step (not adding it up) keeps 0.1 + 0.2 errors out of the labels
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/** Where `value` sits between the ends of `domain`, in percent (clamped: a bar never leaves its plot). */
export function percentOf(value: number, [from, to]: readonly [number, number]): number {
  const share = (Math.min(to, Math.max(from, value)) - from) / (to - from);
  return Math.round(share * 10_000) / 100;
}

/** The average width of a character of the charts' 12px system font, generously rounded up. */
const CHAR_WIDTH = 6.6;

/** A label broken into lines that fit `width` pixels, words kept whole (one too long stays on its own line). */
export function wrapLabel(label: string, width: number): string[] {
  const fits = Math.max(1, Math.floor(width / CHAR_WIDTH));
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= fits) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}
