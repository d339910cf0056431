import type { CriterionKind } from '@closer/database';

/** One criterion of a profile as the recruiter wants it, already validated. */
export interface CriterionValues {
  label: string;
  description: string | null;
  kind: CriterionKind;
  weight: number;
}

/** What replacing a role's profile does to its current criteria rows. */
export interface ProfilePlan {
  /** Current criteria that stay (matched by label), updated in place and keeping their ids. */
  keep: { id: string; values: CriterionValues; position: number }[];
  insert: { values: CriterionValues; position: number }[];
  /** Current criteria no longer in the profile: retired, never deleted (past ratings point at them). */
  retire: string[];
}

export const labelKey = (label: string): string => label.toLocaleLowerCase('en-US');

/**
 * Matches the new profile to the current criteria by label, case-insensitively, so that renaming
 * "typescript" to "TypeScript" or reweighting a criterion keeps what past ratings refer to.
 */
export function planProfile(current: readonly { id: string; label: string }[], next: readonly CriterionValues[]): ProfilePlan {
  const currentByLabel = new Map(current.map((criterion) => [labelKey(criterion.label), criterion.id]));
  const plan: ProfilePlan = { keep: [], insert: [], retire: [] };
  const kept = new Set<string>();
  next.forEach((values, position) => {
    const id = currentByLabel.get(labelKey(values.label));
    if (id && !kept.has(id)) {
      kept.add(id);
      plan.keep.push({ id, values, position });
    } else {
      plan.insert.push({ values, position });
    }
  });
  plan.retire = current.filter((criterion) => !kept.has(criterion.id)).map((criterion) => criterion.id);
  return plan;
}
