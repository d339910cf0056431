import {
  type DocumentNode,
  getNamedType,
  getNullableType,
  getVariableValues,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  type OperationDefinitionNode,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

import { LIST_LIMITS } from './list-limits';

/** Lists bounded by the domain rather than by a `first` argument, by `Type.field`. */
const DOMAIN_BOUNDED_LISTS: Readonly<Record<string, number>> = {
  'Role.criteria': LIST_LIMITS.criteriaPerRole,
  'FeedbackFormView.criteria': LIST_LIMITS.criteriaPerRole,
  // one rating and one profile entry per criterion of the role
  'FeedbackResponse.ratings': LIST_LIMITS.criteriaPerRole,
  'CandidateAnswer.profile': LIST_LIMITS.criteriaPerRole,
  'CandidateAnswerView.profile': LIST_LIMITS.criteriaPerRole,
  'InterviewSession.interviewers': LIST_LIMITS.interviewersPerSession,
  // one form per interviewer of the panel
  'InterviewSession.forms': LIST_LIMITS.interviewersPerSession,
  'Query.apiKeys': LIST_LIMITS.apiKeys,
  'Query.webhookEndpoints': LIST_LIMITS.webhookEndpoints,
  // the newest 200 of a session's mails
  'InterviewSession.mails': LIST_LIMITS.pageSize,
  // one count per fit band
  'ClosingFeedbackDashboard.fitDistribution': 4,
};

/** How many items a field returns at most: 1 for a single object. */
function sizeOf(type: string, field: string, isList: boolean, args: Record<string, unknown>, hasFirst: boolean): number {
  // `first` may be absent (its default applies), a literal or a variable: `args` holds the coerced value either way
  if (hasFirst) return typeof args.first === 'number' ? Math.max(0, args.first) : LIST_LIMITS.pageSize;
  if (field === '_entities' && Array.isArray(args.representations)) return args.representations.length;
  if (!isList) return 1;
  return DOMAIN_BOUNDED_LISTS[`${type}.${field}`] ?? LIST_LIMITS.pageSize;
}

/**
 * The price of a field: 1 for every object the subgraph fetches (scalars come with their row and
 * cost nothing), and what is selected inside a list paid once per item, so an alias fan-out of
 * nested lists adds up to what it would really make the subgraph read. The parts of a
 * `…Connection` (nodes, pageInfo, totalCount) are the one page its field already paid for.
 * Introspection is free (it is turned off in production).
 */
export const listCostEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
  if (!isCompositeType(getNamedType(field.type))) return 0;
  if (type.name.endsWith('Connection')) return childComplexity;
  const isList = isListType(getNullableType(field.type));
  const hasFirst = field.args.some((arg) => arg.name === 'first');
  return 1 + sizeOf(type.name, field.name, isList, args, hasFirst) * childComplexity;
};

/**
 * The operation's cost with these variables, or null when the variables don't fit the operation
 * (execution refuses those before any resolver runs). A document too large to price (a fragment
 * bomb) costs Infinity.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number | null {
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return null;
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables,
      estimators: [listCostEstimator],
    });
  } catch {
    return Infinity;
  }
}
