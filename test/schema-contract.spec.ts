import { buildSchema } from 'graphql';

import { contractProblems } from '../scripts/schema/contract';
import { sortedSdl } from '../scripts/schema/sorted-sdl';

const CONTRACT = `
  enum Band { LOW HIGH }
  input NewThing { name: String!, note: String }
  type Thing { id: ID!, band: Band, tags(first: Int): [String!]! }
  type Query { thing(id: ID!): Thing, things(filter: NewThing): [Thing!]! }
`;

describe(contractProblems.name, () => {
  const problems = (actual: string) => contractProblems(buildSchema(CONTRACT), buildSchema(actual));

  it('accepts the contract itself and additions to it', () => {
    expect(problems(CONTRACT)).toEqual([]);
    expect(
      problems(`
        enum Band { LOW MEDIUM HIGH }
        input NewThing { name: String!, note: String, more: Int }
        type Thing { id: ID!, band: Band, tags(first: Int, after: String): [String!]!, extra: Int }
        type Extra { a: Int }
        type Query { thing(id: ID!): Thing, things(filter: NewThing): [Thing!]!, extra: Extra }
      `),
    ).toEqual([]);
  });

  it('accepts an argument or input field that became optional', () => {
    expect(
      problems(`
        enum Band { LOW HIGH }
        input NewThing { name: String, note: String }
        type Thing { id: ID!, band: Band, tags(first: Int): [String!]! }
        type Query { thing(id: ID): Thing, things(filter: NewThing): [Thing!]! }
      `),
    ).toEqual([]);
  });

  it('names every removal, rename and stricter type', () => {
    expect(
      problems(`
        enum Band { LOW TOP }
        input NewThing { title: String!, note: String! }
        type Thing { id: ID, band: Band, tags(count: Int, first: Int!): [String!]! }
        type Query { thing(id: ID!): Thing }
      `),
    ).toEqual([
      'enum Band: missing value HIGH',
      'NewThing.name: missing',
      'NewThing.note: type String!, contract says String',
      'Thing.id: type ID, contract says ID!',
      'Thing.tags(first): type Int!, contract says Int',
      'Query.things: missing',
    ]);
  });

  it('refuses a new required argument and a type of another kind', () => {
    expect(
      problems(`
        scalar Band
        input NewThing { name: String!, note: String }
        type Thing { id: ID!, band: Band, tags(first: Int, since: String!): [String!]! }
        type Query { thing(id: ID!): Thing, things(filter: NewThing): [Thing!]! }
      `),
    ).toEqual([
      'Band: is GraphQLScalarType, contract says GraphQLEnumType',
      'Thing.tags(since): a new required argument breaks contract clients',
    ]);
  });
});

describe(sortedSdl.name, () => {
  it('orders the schema definition first, then types, fields and enum values by name, whatever the input order', () => {
    const sdl = `
      type Query { b: Int, a(z: Int, y: Int): Zeta }
      schema { query: Query }
      enum Zeta { TWO ONE }
      input Alpha { y: Int, x: Int }
    `;
    expect(sortedSdl(sdl)).toBe(
      [
        'schema {\n  query: Query\n}',
        'input Alpha {\n  x: Int\n  y: Int\n}',
        'type Query {\n  a(z: Int, y: Int): Zeta\n  b: Int\n}',
        'enum Zeta {\n  ONE\n  TWO\n}',
      ].join('\n\n') + '\n',
    );
  });
});
