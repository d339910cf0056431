import type { Grain } from '@closer/database';

export interface Bucket {
  grain: Grain;
  /** The bucket's first day, YYYY-MM-DD (UTC). */
  start: string;
}

/** A half-open instant range read straight from the per-session facts. */
export type FactRange = [Date, Date];

/**
 * How a range [from, to) is read: whole rollup buckets for the whole UTC days inside it, the
 * facts for what is left (the partial first and last day). Any instants, exactly.
 */
export interface RangePlan {
  /** Whole days of [from, to) as the fewest buckets: years, quarters, months in the middle; weeks and days at the ends. */
  buckets: Bucket[];
  /** The partial first and last day, from the facts (0–2 ranges). */
  edges: FactRange[];
  /** For the weekly series: the weeks wholly inside [from, to), and the whole days of the others. */
  weekBuckets: Bucket[];
  /** Per role, interviewers are rolled up by year, quarter and month only: those buckets… */
  interviewerBuckets: Bucket[];
  /** …and the facts for the rest (the partial first and last month, or all of a short range). */
  interviewerFacts: FactRange[];
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of the day holding `date`, and the next one unless `date` is midnight. */
const floorDay = (date: Date) => Math.floor(date.getTime() / DAY_MS);
const ceilDay = (date: Date) => Math.ceil(date.getTime() / DAY_MS);
const dayStart = (day: number) => new Date(day * DAY_MS);
const iso = (day: number) => dayStart(day).toISOString().slice(0, 10);
/** 1970-01-01 was a Thursday: Monday = 0. */
const weekday = (day: number) => (day + 3) % 7;
const parts = (day: number) => {
  const d = dayStart(day);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), date: d.getUTCDate() };
};
const dayOf = (year: number, month: number) => Math.floor(Date.UTC(year, month, 1) / DAY_MS);
/** First day of the first month starting on or after `day`. */
const ceilMonth = (day: number) => {
  const p = parts(day);
  return p.date === 1 ? day : dayOf(p.year, p.month + 1);
};
const floorMonth = (day: number) => {
  const p = parts(day);
  return dayOf(p.year, p.month);
};
const addMonths = (day: number, months: number) => {
  const p = parts(day);
  return dayOf(p.year, p.month + months);
};

/** Whole months [a, b) (both first days of months) as years, quarters and months. */
function months(a: number, b: number): Bucket[] {
  const buckets: Bucket[] = [];
  for (let p = a; p < b;) {
    const { month } = parts(p);
    if (month === 0 && addMonths(p, 12) <= b) {
      buckets.push({ grain: 'Y', start: iso(p) });
      p = addMonths(p, 12);
    } else if (month % 3 === 0 && addMonths(p, 3) <= b) {
      buckets.push({ grain: 'Q', start: iso(p) });
      p = addMonths(p, 3);
    } else {
      buckets.push({ grain: 'M', start: iso(p) });
      p = addMonths(p, 1);
    }
  }
  return buckets;
}

/** Whole days [a, b) as ISO weeks where one fits, days otherwise. */
function days(a: number, b: number): Bucket[] {
  const buckets: Bucket[] = [];
  for (let p = a; p < b;) {
    if (weekday(p) === 0 && p + 7 <= b) {
      buckets.push({ grain: 'W', start: iso(p) });
      p += 7;
    } else {
      buckets.push({ grain: 'D', start: iso(p) });
      p += 1;
    }
  }
  return buckets;
}

export function planRange(from: Date, to: Date): RangePlan {
  const plan: RangePlan = { buckets: [], edges: [], weekBuckets: [], interviewerBuckets: [], interviewerFacts: [] };
  if (from.getTime() >= to.getTime()) return plan;
  const first = ceilDay(from);
  const last = floorDay(to); // whole days are [first, last)
  if (first >= last) {
    // no whole day: all from the facts
    plan.edges.push([from, to]);
    plan.interviewerFacts.push([from, to]);
    return plan;
  }
  if (from.getTime() < dayStart(first).getTime()) plan.edges.push([from, dayStart(first)]);
  if (dayStart(last).getTime() < to.getTime()) plan.edges.push([dayStart(last), to]);

  const monthsFrom = ceilMonth(first);
  const monthsTo = floorMonth(last);
  if (monthsFrom < monthsTo) {
    const middle = months(monthsFrom, monthsTo);
    plan.buckets.push(...days(first, monthsFrom), ...middle, ...days(monthsTo, last));
    plan.interviewerBuckets.push(...middle);
    if (from.getTime() < dayStart(monthsFrom).getTime()) plan.interviewerFacts.push([from, dayStart(monthsFrom)]);
    if (dayStart(monthsTo).getTime() < to.getTime()) plan.interviewerFacts.push([dayStart(monthsTo), to]);
  } else {
    plan.buckets.push(...days(first, last));
    plan.interviewerFacts.push([from, to]);
  }

  // weekly series: a week wholly inside [from, to) is one row; the days of the first and last week otherwise
  for (let week = first - weekday(first); week < last; week += 7) {
    if (week >= first && week + 7 <= last) plan.weekBuckets.push({ grain: 'W', start: iso(week) });
    else
      for (let day = Math.max(week, first); day < Math.min(week + 7, last); day++) plan.weekBuckets.push({ grain: 'D', start: iso(day) });
  }
  return plan;
}
