import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildSchema, type FragmentDefinitionNode, getNamedType, isObjectType, Kind, type OperationDefinitionNode, parse } from 'graphql';

import { dashboardParts } from './dashboard-selection';

/** What the resolver sees for the closingFeedbackDashboard field of `query`. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const fieldNodes = operation!.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
  return { fieldNodes, fragments };
}

const partsOf = (query: string) => [...dashboardParts(infoOf(query))].sort();

describe(dashboardParts.name, () => {
  it('reads a figure group for every figure of the public contract, and none for the range alone', () => {
    // the field list comes from the contract, so a figure added there without a group fails here
    const contract = buildSchema(readFileSync(join(__dirname, '../../../../contract/schema.graphql'), 'utf8'));
    const type = contract.getType('ClosingFeedbackDashboard');
    if (!isObjectType(type)) throw new Error('the contract has no ClosingFeedbackDashboard type');
    const figures = Object.values(type.getFields()).filter((field) => !['from', 'to'].includes(field.name));
    expect(figures.length).toBeGreaterThan(10);
    const withoutGroup = figures
      .map((field) => `${field.name}${isObjectType(getNamedType(field.type)) ? ' { __typename }' : ''}`)
      .filter((selection) => partsOf(`{ closingFeedbackDashboard { ${selection} } }`).length === 0);
    expect(withoutGroup).toEqual([]);
    expect(partsOf('{ closingFeedbackDashboard { from to } }')).toEqual([]);
  });

  it('follows named and inline fragments, as the web app writes its tiles', () => {
    expect(
      partsOf(`
        query Tiles { closingFeedbackDashboard { ...Tile ... on ClosingFeedbackDashboard { medianHoursToAnswer } } }
        fragment Tile on ClosingFeedbackDashboard { sessionsCompleted promisesKeptRate }`),
    ).toEqual(['medians', 'promises', 'totals']);
  });

  it("reads the interviewers' medians only when their median is asked for", () => {
    expect(partsOf('{ closingFeedbackDashboard { interviewers { formsSent averageOverallFit } } }')).toEqual(['interviewers']);
    expect(partsOf('{ closingFeedbackDashboard { interviewers { medianHoursToFeedback } } }')).toEqual([
      'interviewerMedians',
      'interviewers',
    ]);
  });

  it('reads the weekly series and the criteria as groups of their own', () => {
    expect(partsOf('{ closingFeedbackDashboard { weekly { weekStart } criteria { averageRating } } }')).toEqual(['criteria', 'weekly']);
  });
});
