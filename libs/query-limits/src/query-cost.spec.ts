import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';

import { operationCost } from './query-cost';

/** The contract's list shapes (schema.graphql), as far as pricing goes. */
const schema = buildSchema(`
  type PageInfo { endCursor: String hasNextPage: Boolean! }
  type Organization { id: ID! reminderHours: [Int!]! }
  type Viewer { id: ID! organization: Organization! }
  type Criterion { id: ID! label: String! }
  type Role { id: ID! criteria: [Criterion!]! }
  type Interviewer { id: ID! name: String! }
  type CriterionRating { rating: Int criterion: Criterion! }
  type FeedbackResponse { id: ID! interviewer: Interviewer! ratings: [CriterionRating!]! }
  type FeedbackForm { id: ID! interviewer: Interviewer! response: FeedbackResponse }
  type InterviewSession { id: ID! role: Role! interviewers: [Interviewer!]! forms: [FeedbackForm!]! }
  type Candidate { id: ID! sessions(first: Int = 200): [InterviewSession!]! }
  type CandidateConnection { nodes: [Candidate!]! pageInfo: PageInfo! totalCount: Int! }
  type SessionConnection { nodes: [InterviewSession!]! pageInfo: PageInfo! totalCount: Int! }
  type CriterionStat { criterion: Criterion! }
  type ClosingFeedbackDashboard { criteria: [CriterionStat!]! }
  type Query {
    me: Viewer!
    roles(first: Int = 200): [Role!]!
    candidates(first: Int = 50, after: String): CandidateConnection!
    sessions(first: Int = 50, after: String): SessionConnection!
    session(id: ID!): InterviewSession
    closingFeedbackDashboard: ClosingFeedbackDashboard!
  }
  type Mutation { addCandidate(name: String!): Candidate! }
`);

const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  )!;
  return operationCost(schema, document, operation, variables);
};

describe(operationCost.name, () => {
  it('charges 1 per object fetched and nothing for scalars', () => {
    expect(costOf('{ me { id } }')).toBe(1);
    expect(costOf('{ me { id organization { id reminderHours } } }')).toBe(2);
  });

  it('multiplies what a list selects by its `first`, the same whether literal, variable or default', () => {
    // sessions: 1, and per session its forms list (1) and per form (20) its interviewer (1)
    expect(costOf('{ sessions(first: 10) { nodes { forms { interviewer { id } } } } }')).toBe(1 + 10 * (1 + 20));
    expect(costOf('query($n: Int) { sessions(first: $n) { nodes { forms { interviewer { id } } } } }', { n: 10 })).toBe(1 + 10 * 21);
    expect(costOf('query($n: Int = 10) { sessions(first: $n) { nodes { forms { interviewer { id } } } } }')).toBe(1 + 10 * 21);
    // the field's own default page of 50
    expect(costOf('{ sessions { nodes { forms { interviewer { id } } } } }')).toBe(1 + 50 * 21);
    expect(costOf('query($n: Int) { sessions(first: $n) { nodes { forms { interviewer { id } } } } }')).toBe(1 + 50 * 21);
  });

  it('prices a `first` asked for as null at the page maximum, and a negative one at nothing', () => {
    expect(costOf('query($n: Int) { sessions(first: $n) { nodes { role { id } } } }', { n: null })).toBe(1 + 200);
    expect(costOf('{ sessions(first: -5) { nodes { role { id } } } }')).toBe(1);
  });

  it('prices a list without `first` at its cap: 30 criteria or ratings, 20 interviewers or forms, otherwise 200', () => {
    expect(costOf('{ session(id: "s") { interviewers { id } } }')).toBe(1 + 1);
    expect(costOf('{ session(id: "s") { forms { response { ratings { criterion { id } } } } } }')).toBe(1 + (1 + 20 * (1 + (1 + 30))));
    expect(costOf('{ roles(first: 10) { criteria { id } } }')).toBe(1 + 10 * 1);
    expect(costOf('{ closingFeedbackDashboard { criteria { criterion { id } } } }')).toBe(1 + (1 + 200));
    expect(costOf('{ candidates(first: 2) { nodes { sessions { role { id } } } } }')).toBe(1 + 2 * (1 + 200));
  });

  it('counts a connection’s nodes and pageInfo as the page its field paid for', () => {
    expect(costOf('{ candidates(first: 200) { totalCount pageInfo { endCursor hasNextPage } nodes { id } } }')).toBe(1);
  });

  it('adds up aliases, and prices fragments like the fields they stand for', () => {
    const aliased = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: sessions(first: 200) { nodes { forms { response { ratings { criterion { id } } } } } }`).join(' ')} }`;
    expect(costOf(aliased)).toBe(15 * (1 + 200 * (1 + 20 * (1 + (1 + 30)))));
    const inline = '{ session(id: "s") { forms { response { ratings { criterion { id } } } } } }';
    const spread = `query { session(id: "s") { ...Forms } } fragment Forms on InterviewSession { forms { response { ...Ratings } } }
      fragment Ratings on FeedbackResponse { ratings { criterion { id } } }`;
    expect(costOf(spread)).toBe(costOf(inline));
    expect(costOf('{ session(id: "s") { ... on InterviewSession { forms { response { ratings { criterion { id } } } } } } }')).toBe(
      costOf(inline),
    );
  });

  it('charges mutations the same way', () => {
    // a: the candidate, its sessions list, and per session (200) its forms list; b: the candidate
    expect(costOf('mutation { a: addCandidate(name: "A") { sessions { forms { id } } } b: addCandidate(name: "B") { id } }')).toBe(
      1 + (1 + 200 * 1) + 1,
    );
  });

  it('leaves out fields skipped by @skip / @include with their variables', () => {
    const query = 'query($deep: Boolean!) { me { id } sessions(first: 200) @include(if: $deep) { nodes { role { id } } } }';
    expect(costOf(query, { deep: false })).toBe(1);
    expect(costOf(query, { deep: true })).toBe(1 + 1 + 200);
  });

  it('does not price introspection', () => {
    expect(costOf('{ __schema { types { name fields { name type { name ofType { name } } } } } }')).toBe(0);
  });

  it('gives no price when the variables do not fit the operation (execution refuses them)', () => {
    expect(costOf('query($n: Int) { sessions(first: $n) { totalCount } }', { n: 'many' })).toBeNull();
    expect(costOf('query($id: ID!) { session(id: $id) { id } }', {})).toBeNull();
  });

  it('prices a fragment bomb, small as text but huge once expanded, as infinite', () => {
    const fragments = Array.from({ length: 6 }, (_, level) =>
      level === 5
        ? 'fragment F5 on Viewer { id }'
        : `fragment F${level} on Viewer { ${Array.from({ length: 10 }, () => `...F${level + 1}`).join(' ')} }`,
    );
    expect(costOf(`{ me { ...F0 } } ${fragments.join(' ')}`)).toBe(Infinity);
  });
});
