import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

import type { DashboardPart } from './dashboard.sql';

/** Which figure group each field of ClosingFeedbackDashboard is read from (from and to need none). */
const PART_OF_FIELD: Record<string, DashboardPart | undefined> = {
  sessionsCompleted: 'totals',
  fitFeedbackRequested: 'totals',
  formsSent: 'totals',
  formsSubmitted: 'totals',
  responseRate: 'totals',
  answersReleased: 'totals',
  answersWithheld: 'totals',
  formsDeclined: 'totals',
  helpfulRate: 'totals',
  fitDistribution: 'totals',
  medianHoursToFeedback: 'medians',
  medianHoursToAnswer: 'medians',
  promisesKeptRate: 'promises',
  criteria: 'criteria',
  interviewers: 'interviewers',
  weekly: 'weekly',
};

/** The fields selected in a selection set, fragments followed (@skip/@include ignored: at worst a group too many is read). */
function selectedFields(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  if (!set) return [];
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectedFields(selection.selectionSet, fragments);
    return selectedFields(fragments[selection.name.value]?.selectionSet, fragments);
  });
}

/** The figure groups a closingFeedbackDashboard selection needs: a query pays only for what it shows. */
export function dashboardParts(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<DashboardPart> {
  const parts = new Set<DashboardPart>();
  for (const field of info.fieldNodes.flatMap((node) => selectedFields(node.selectionSet, info.fragments))) {
    const part = PART_OF_FIELD[field.name.value];
    if (part) parts.add(part);
    if (
      part === 'interviewers' &&
      selectedFields(field.selectionSet, info.fragments).some((inner) => inner.name.value === 'medianHoursToFeedback')
    )
      parts.add('interviewerMedians');
  }
  return parts;
}
