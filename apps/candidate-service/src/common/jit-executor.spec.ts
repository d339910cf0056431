import { ApolloServer, type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  type GraphQLFormattedError,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';

import { jitExecution } from './jit-executor';

class Refused extends Error {}

// a custom scalar, an interface resolved by type, a list, a resolver that fails, a mutation
function schema(): GraphQLSchema {
  const Day = new GraphQLScalarType<Date, string>({
    name: 'Day',
    serialize: (value) => (value as Date).toISOString().slice(0, 10),
  });
  const Node = new GraphQLInterfaceType({
    name: 'Node',
    fields: { id: { type: new GraphQLNonNull(GraphQLString) } },
    resolveType: (value: { kind: string }) => value.kind,
  });
  const Person = new GraphQLObjectType({
    name: 'Person',
    interfaces: [Node],
    fields: {
      id: { type: new GraphQLNonNull(GraphQLString) },
      name: { type: GraphQLString },
      born: { type: Day },
      secret: {
        type: GraphQLString,
        resolve: () => {
          throw new Refused('not yours');
        },
      },
    },
  });
  const Team = new GraphQLObjectType({
    name: 'Team',
    interfaces: [Node],
    fields: { id: { type: new GraphQLNonNull(GraphQLString) }, size: { type: GraphQLInt } },
  });
  const nodes = [
    { kind: 'Person', id: 'p1', name: 'Ada', born: new Date('1815-12-10T00:00:00Z') },
    { kind: 'Team', id: 't1', size: 3 },
  ];
  let count = 0;
  return new GraphQLSchema({
    types: [Person, Team],
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        nodes: {
          type: new GraphQLList(Node),
          args: { first: { type: GraphQLInt } },
          resolve: (_, { first }: { first?: number }) => nodes.slice(0, first),
        },
        person: { type: Person, resolve: async () => Promise.resolve(nodes[0]) },
      },
    }),
    mutation: new GraphQLObjectType({ name: 'Mutation', fields: { bump: { type: GraphQLInt, resolve: () => ++count } } }),
  });
}

// as format-error.ts does: the public code comes from the resolver's own error
const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
  unwrapResolverError(error) instanceof Refused ? { ...formatted, extensions: { code: 'FORBIDDEN' } } : formatted;

async function server(jit: boolean): Promise<ApolloServer> {
  const built = schema();
  const execution = jit ? jitExecution() : undefined;
  const options = execution ? { ...execution, schema: execution.transformSchema(built) } : { schema: built };
  // as @nestjs/apollo builds it: the options (gateway included) and the schema it built
  const apollo = new ApolloServer({ ...options, formatError } as unknown as ApolloServerOptions<BaseContext>);
  await apollo.start();
  return apollo;
}

describe('jitExecution', () => {
  let jit: ApolloServer;
  let js: ApolloServer;

  beforeAll(async () => {
    [jit, js] = await Promise.all([server(true), server(false)]);
  });
  afterAll(async () => {
    await Promise.all([jit.stop(), js.stop()]);
  });

  const run = async (apollo: ApolloServer, query: string, variables?: Record<string, unknown>) => {
    const response = await apollo.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  it.each([
    [
      'an interface list with a variable',
      'query Q($n: Int) { nodes(first: $n) { __typename id ... on Person { name born } ... on Team { size } } }',
      { n: 2 },
    ],
    ['a custom scalar from an async resolver', '{ person { id born } }', undefined],
    ['a failing field, formatted by formatError', '{ person { name secret } }', undefined],
    ['a variable of the wrong type', 'query Q($n: Int) { nodes(first: $n) { id } }', { n: 'two' }],
  ])('answers %s exactly as graphql-js does', async (_, query, variables) => {
    const expected = await run(js, query, variables);
    const actual = await run(jit, query, variables);
    expect(actual).toEqual(expected);
    // the same compiled query answers again
    expect(await run(jit, query, variables)).toEqual(expected);
  });

  it('gives the failing field its code and path, and keeps the rest of the data', async () => {
    const result = await run(jit, '{ person { name secret } }');
    expect(result.data).toEqual({ person: { name: 'Ada', secret: null } });
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'not yours', path: ['person', 'secret'], extensions: { code: 'FORBIDDEN' } }),
    ]);
  });

  it('runs mutations (on graphql-js), in order', async () => {
    expect((await run(jit, 'mutation { a: bump b: bump }')).data).toEqual({ a: 1, b: 2 });
  });

  it('refuses what validation refuses, before executing', async () => {
    const result = await run(jit, '{ nodes { missing } }');
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses to start without the schema Nest builds (transformSchema never called)', async () => {
    const apollo = new ApolloServer({ ...jitExecution(), schema: schema() } as unknown as { schema: GraphQLSchema });
    await expect(apollo.start()).rejects.toThrow(/schema was not built/);
  });
});
