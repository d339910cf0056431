import {
  type AnswerInput,
  composeAnswer,
  type ComposedAnswer,
  type CriterionRating,
  lowerMedianBand,
  type PanelResponse,
  type ProfileCriterion,
  requiredResponses,
} from './answer-composition';
import type { CriterionKind, FitBand, Rating } from './fit';

type Cell = Rating | null;

function criterion(label: string, weight: number, kind: CriterionKind = 'SKILL'): ProfileCriterion {
  return { id: `id-${label}`, label, kind, weight };
}

/** One response rating the criteria in order; `undefined` leaves a criterion out of the form. */
function response(
  overallFit: FitBand,
  cells: readonly (Cell | undefined)[],
  criteria: readonly ProfileCriterion[],
  candidateMessage?: string | null,
): PanelResponse {
  const ratings: CriterionRating[] = [];
  cells.forEach((rating, i) => {
    if (rating !== undefined) ratings.push({ criterionId: criteria[i].id, rating });
  });
  return { overallFit, ratings, candidateMessage };
}

function input(
  criteria: readonly ProfileCriterion[],
  responses: readonly PanelResponse[],
  overrides: Partial<AnswerInput> = {},
): AnswerInput {
  return { criteria, responses, panelSize: responses.length, minResponsesForAnswer: 1, nextSteps: null, ...overrides };
}

function composed(answerInput: AnswerInput): ComposedAnswer {
  const answer = composeAnswer(answerInput);
  if (answer.kind !== 'COMPOSED') throw new Error(`expected a composed answer, got ${answer.reason}`);
  return answer;
}

/** A panel where interviewer i gives overall band bands[i] and rates criterion c with grid[c][i]. */
function panel(criteria: readonly ProfileCriterion[], grid: readonly (readonly Cell[])[], bands?: readonly FitBand[]): PanelResponse[] {
  const size = bands?.length ?? grid[0]?.length ?? 1;
  return Array.from({ length: size }, (_, i) =>
    response(
      bands?.[i] ?? 'GOOD_FIT',
      grid.map((row) => row[i]),
      criteria,
    ),
  );
}

describe(composeAnswer.name, () => {
  describe('the worked example (weights 5, 3, 2, 4; three interviewers)', () => {
    const criteria = [
      criterion('TypeScript', 5, 'SKILL'),
      criterion('Distributed systems', 3, 'EXPERIENCE'),
      criterion('Mentoring', 2, 'QUALITY'),
      criterion('On-call operations', 4, 'EXPERIENCE'),
    ];
    const responses = [
      response('GOOD_FIT', [4, 3, 2, null], criteria, 'Thanks for a great conversation.'),
      response('STRONG_FIT', [4, 2, 3, null], criteria),
      response('PARTIAL_FIT', [3, 2, 2, 2], criteria),
    ];

    it('composes score 57, band GOOD_FIT, the profile, strengths and gaps', () => {
      // means 11/3, 7/3, 7/3, 2 → (5·8/9 + 3·4/9 + 2·4/9 + 4·3/9) / 14 = 8 / 14 = 0.571…
      const sut = composeAnswer(
        input(criteria, responses, { panelSize: 3, minResponsesForAnswer: 2, nextSteps: 'A final round next week.' }),
      );

      expect(sut).toEqual({
        kind: 'COMPOSED',
        fitScore: 57,
        fitBand: 'GOOD_FIT',
        profile: [
          { criterionId: 'id-TypeScript', criterion: 'TypeScript', kind: 'SKILL', level: 'STRENGTH' },
          { criterionId: 'id-Distributed systems', criterion: 'Distributed systems', kind: 'EXPERIENCE', level: 'PARTLY' },
          { criterionId: 'id-Mentoring', criterion: 'Mentoring', kind: 'QUALITY', level: 'PARTLY' },
          { criterionId: 'id-On-call operations', criterion: 'On-call operations', kind: 'EXPERIENCE', level: 'PARTLY' },
        ],
        strengths: ['TypeScript'],
        gaps: ['On-call operations'],
        nextSteps: 'A final round next week.',
        message: 'Thanks for a great conversation.',
        responsesCount: 3,
      });
    });

    it('gives the same answer whatever order the responses arrived in', () => {
      const sut = composeAnswer(input(criteria, [responses[2], responses[0], responses[1]]));

      expect(sut).toEqual(composeAnswer(input(criteria, responses)));
    });
  });

  describe('fitBand', () => {
    const criteria = [criterion('A', 3)];

    it.each<[string, FitBand[], FitBand]>([
      ['a single response', ['PARTIAL_FIT'], 'PARTIAL_FIT'],
      ['an odd panel, its median', ['STRONG_FIT', 'NOT_A_FIT', 'GOOD_FIT'], 'GOOD_FIT'],
      ['an even panel of two, the lower of the two', ['STRONG_FIT', 'GOOD_FIT'], 'GOOD_FIT'],
      ['an even panel of four, the lower middle', ['STRONG_FIT', 'PARTIAL_FIT', 'STRONG_FIT', 'GOOD_FIT'], 'GOOD_FIT'],
      ['a split panel, never more than half believes', ['STRONG_FIT', 'STRONG_FIT', 'NOT_A_FIT', 'NOT_A_FIT'], 'NOT_A_FIT'],
      ['one pessimistic outlier, ignored', ['STRONG_FIT', 'STRONG_FIT', 'NOT_A_FIT'], 'STRONG_FIT'],
      ['one optimistic outlier, ignored', ['NOT_A_FIT', 'STRONG_FIT', 'PARTIAL_FIT'], 'PARTIAL_FIT'],
    ])('for %s is %s', (_, bands, expected) => {
      const sut = composed(
        input(
          criteria,
          bands.map((band) => response(band, [3], criteria)),
        ),
      );

      expect(sut.fitBand).toBe(expected);
    });
  });

  describe('fitScore', () => {
    it.each<[string, ProfileCriterion[], Cell[][], number | null]>([
      ['every rating 4', [criterion('A', 5), criterion('B', 1)], [[4, 4], [4]], 100],
      ['every rating 1', [criterion('A', 5), criterion('B', 1)], [[1, 1], [1]], 0],
      ['one criterion with mean 2.5', [criterion('A', 2)], [[2, 3]], 50],
      ['weights pulling towards the heavy criterion', [criterion('A', 4), criterion('B', 1)], [[4], [1]], 80],
      [
        'unrated criteria leaving the weighted mean',
        [criterion('A', 5), criterion('B', 1)],
        [
          [null, null],
          [4, 4],
        ],
        100,
      ],
      ['a criterion rated by only part of the panel', [criterion('A', 1)], [[null, 3, null]], 67],
      // exactly 12.5: in floating point 100·(1·0.5/3 + 3·(1/3)/3)/4 is 12.4999…, which Math.round takes to 12
      [
        'an exact half, rounded up',
        [criterion('A', 1), criterion('B', 3)],
        [
          [1, 2, null],
          [2, 1, 1],
        ],
        13,
      ],
      [
        'nothing rated',
        [criterion('A', 5), criterion('B', 1)],
        [
          [null, null],
          [null, null],
        ],
        null,
      ],
      ['a profile with no criteria', [], [], null],
    ])('with %s is %p', (_, criteria, grid, expected) => {
      const sut = composed(input(criteria, panel(criteria, grid)));

      expect(sut.fitScore).toBe(expected);
    });
  });

  describe('profile', () => {
    it('lists every criterion of the role, in role order, with its level and kind', () => {
      const criteria = [
        criterion('Unrated', 1, 'QUALITY'),
        criterion('Weak', 2, 'EXPERIENCE'),
        criterion('Partly', 3, 'SKILL'),
        criterion('Meets', 4, 'SKILL'),
        criterion('Strong', 5, 'EXPERIENCE'),
        criterion('Exceeds', 5, 'SKILL'),
      ];
      const grid: Cell[][] = [
        [null, null],
        [1, 2], // 1.5
        [2, 2], // 2, the lowest PARTLY
        [3, 3], // 3, the lowest MEETS
        [3, 4], // 3.5, the lowest STRENGTH
        [4, 4],
      ];
      const sut = composed(input(criteria, panel(criteria, grid)));

      expect(sut.profile.map(({ criterion: label, kind, level }) => [label, kind, level])).toEqual([
        ['Unrated', 'QUALITY', 'NOT_ASSESSED'],
        ['Weak', 'EXPERIENCE', 'NOT_YET'],
        ['Partly', 'SKILL', 'PARTLY'],
        ['Meets', 'SKILL', 'MEETS'],
        ['Strong', 'EXPERIENCE', 'STRENGTH'],
        ['Exceeds', 'SKILL', 'STRENGTH'],
      ]);
    });

    it('ignores ratings of criteria that are no longer in the profile', () => {
      const criteria = [criterion('Kept', 3)];
      const responses: PanelResponse[] = [
        {
          overallFit: 'GOOD_FIT',
          ratings: [
            { criterionId: 'id-Kept', rating: 4 },
            { criterionId: 'id-Removed', rating: 1 },
          ],
        },
      ];
      const sut = composed(input(criteria, responses));

      expect(sut.fitScore).toBe(100);
      expect(sut.profile).toEqual([{ criterionId: 'id-Kept', criterion: 'Kept', kind: 'SKILL', level: 'STRENGTH' }]);
      expect(sut.gaps).toEqual([]);
    });

    it('counts one vote per interviewer when a response repeats a criterion (the last one)', () => {
      const criteria = [criterion('A', 3)];
      const responses: PanelResponse[] = [
        {
          overallFit: 'GOOD_FIT',
          ratings: [
            { criterionId: 'id-A', rating: 1 },
            { criterionId: 'id-A', rating: 4 },
          ],
        },
        response('GOOD_FIT', [2], criteria),
      ];
      const sut = composed(input(criteria, responses));

      // mean (4 + 2) / 2 = 3, not (1 + 4 + 2) / 3
      expect(sut.fitScore).toBe(67);
      expect(sut.profile[0].level).toBe('MEETS');
    });
  });

  describe('when nobody rated anything', () => {
    const criteria = [
      criterion('Nice', 1),
      criterion('Essential', 5),
      criterion('Important', 4),
      criterion('Useful', 3),
      criterion('Also essential', 5),
    ];
    const sut = composed(input(criteria, panel(criteria, [[null], [null], [null], [null], [null]], ['GOOD_FIT'])));

    it.each([
      ['fitScore', sut.fitScore, null],
      ['fitBand, from the overall judgements alone', sut.fitBand, 'GOOD_FIT'],
      ['every level', [...new Set(sut.profile.map((p) => p.level))], ['NOT_ASSESSED']],
      ['strengths', sut.strengths, []],
      [
        'gaps: the essentials, heaviest first, then in role order',
        sut.gaps,
        ['not enough evidence yet: Essential', 'not enough evidence yet: Also essential', 'not enough evidence yet: Important'],
      ],
    ])('%s is %p', (_, actual, expected) => {
      expect(actual).toEqual(expected);
    });
  });

  describe('strengths', () => {
    it.each<[string, ProfileCriterion[], Cell[][], string[]]>([
      [
        'mean ≥ 3 only',
        [criterion('Meets', 1), criterion('Below', 5)],
        [
          [3, 3],
          [3, 2],
        ],
        ['Meets'],
      ],
      [
        'by mean, highest first',
        [criterion('Three', 5), criterion('Four', 1), criterion('ThreeHalf', 3)],
        [
          [3, 3],
          [4, 4],
          [3, 4],
        ],
        ['Four', 'ThreeHalf', 'Three'],
      ],
      [
        'equal means by weight, heaviest first',
        [criterion('Light', 1), criterion('Heavy', 5), criterion('Medium', 3)],
        [[4], [4], [4]],
        ['Heavy', 'Medium', 'Light'],
      ],
      ['equal mean and weight in role order', [criterion('First', 2), criterion('Second', 2)], [[3], [3]], ['First', 'Second']],
      [
        'at most five',
        ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((label) => criterion(label, 3)),
        [[3], [4], [3], [4], [3], [4], [3]],
        ['B', 'D', 'F', 'A', 'C'],
      ],
    ])('%s', (_, criteria, grid, expected) => {
      const sut = composed(input(criteria, panel(criteria, grid)));

      expect(sut.strengths).toEqual(expected);
    });
  });

  describe('gaps', () => {
    it.each<[string, ProfileCriterion[], Cell[][], string[]]>([
      [
        'mean ≤ 2 only',
        [criterion('Partly', 3), criterion('Above', 3)],
        [
          [2, 2],
          [2, 3],
        ],
        ['Partly'],
      ],
      [
        'by weight, heaviest first',
        [criterion('Light', 1), criterion('Heavy', 5), criterion('Medium', 3)],
        [[1], [2], [1]],
        ['Heavy', 'Medium', 'Light'],
      ],
      [
        'equal weights by mean, lowest first, then role order',
        [criterion('Two', 3), criterion('One', 3), criterion('AlsoTwo', 3)],
        [[2], [1], [2]],
        ['One', 'Two', 'AlsoTwo'],
      ],
      [
        'rated gaps before unassessed essentials, whatever their weight',
        [criterion('Unassessed', 5), criterion('Rated', 1), criterion('Unassessed but light', 3)],
        [[null], [1], [null]],
        ['Rated', 'not enough evidence yet: Unassessed'],
      ],
      [
        'at most five, cutting unassessed essentials first',
        [...['A', 'B', 'C', 'D'].map((label) => criterion(label, 2)), criterion('X', 4), criterion('Y', 5)],
        [[1], [1], [1], [1], [null], [null]],
        ['A', 'B', 'C', 'D', 'not enough evidence yet: Y'],
      ],
      [
        'at most five rated gaps',
        ['A', 'B', 'C', 'D', 'E', 'F'].map((label, i) => criterion(label, 6 - i)),
        [[1], [1], [1], [1], [1], [1]],
        ['A', 'B', 'C', 'D', 'E'],
      ],
    ])('%s', (_, criteria, grid, expected) => {
      const sut = composed(input(criteria, panel(criteria, grid)));

      expect(sut.gaps).toEqual(expected);
    });
  });

  describe('when there may not be enough responses', () => {
    const criteria = [criterion('A', 3)];

    it.each([
      // responses, panel size, org minimum, outcome
      [1, 3, 2, 'WITHHELD'],
      [2, 3, 2, 'COMPOSED'],
      [2, 5, 3, 'WITHHELD'],
      [3, 3, 3, 'COMPOSED'],
      [1, 1, 2, 'COMPOSED'], // the minimum is capped at the panel size
      [2, 2, 3, 'COMPOSED'],
      [0, 1, 1, 'WITHHELD'],
      [0, 0, 0, 'WITHHELD'], // one response is always needed
      [0, 3, 0, 'WITHHELD'],
    ])('%p responses from a panel of %p with minimum %p → %s', (count, panelSize, minResponsesForAnswer, expected) => {
      const responses = Array.from({ length: count }, () => response('GOOD_FIT', [3], criteria));
      const sut = composeAnswer(input(criteria, responses, { panelSize, minResponsesForAnswer }));

      expect(sut.kind).toBe(expected);
      expect(sut.responsesCount).toBe(count);
    });

    it('says why it withheld the answer, never guessing one', () => {
      const sut = composeAnswer(input(criteria, [response('STRONG_FIT', [4], criteria)], { panelSize: 4, minResponsesForAnswer: 2 }));

      expect(sut).toEqual({
        kind: 'WITHHELD',
        reason: 'not enough feedback: 1 of 2 required responses',
        responsesCount: 1,
        responsesRequired: 2,
      });
    });
  });

  describe('message', () => {
    const criteria = [criterion('A', 3)];

    it.each<[string, (string | null | undefined)[], string | null]>([
      ['no messages', [undefined, null], null],
      ['only blank messages', ['', '   ', '\n\t'], null],
      ['one message, trimmed', [null, '  Thank you for your time.\n'], 'Thank you for your time.'],
      [
        'several, sorted so the order does not tell who wrote what',
        ['Well done.', 'All the best!', 'Keep going.'],
        'All the best!\n\nKeep going.\n\nWell done.',
      ],
      ['identical messages, each kept', ['Good luck.', 'Good luck.'], 'Good luck.\n\nGood luck.'],
    ])('from %s', (_, messages, expected) => {
      const responses = messages.map((text) => response('GOOD_FIT', [3], criteria, text));
      const sut = composed(input(criteria, responses));

      expect(sut.message).toBe(expected);
    });

    it('does not depend on the order the responses arrived in', () => {
      const texts = ['Zeal.', 'apples', 'Émile', 'Banana'];
      const forward = composed(
        input(
          criteria,
          texts.map((text) => response('GOOD_FIT', [3], criteria, text)),
        ),
      );
      const backward = composed(
        input(
          criteria,
          [...texts].reverse().map((text) => response('GOOD_FIT', [3], criteria, text)),
        ),
      );

      expect(forward.message).toBe(backward.message);
      expect(forward.message).toBe('Banana\n\nZeal.\n\napples\n\nÉmile');
    });
  });

  describe('nextSteps', () => {
    it.each([
      ["the role's text", 'We will call you on Friday.', 'We will call you on Friday.'],
      ['trimmed', '  Final round next.\n', 'Final round next.'],
      ['none when blank', '   ', null],
      ['none when the role has none', null, null],
    ])('is %s', (_, nextSteps, expected) => {
      const criteria = [criterion('A', 3)];
      const sut = composed(input(criteria, [response('GOOD_FIT', [3], criteria)], { nextSteps }));

      expect(sut.nextSteps).toBe(expected);
    });
  });

  describe('rejects input no form can produce', () => {
    it.each([
      ['a zero weight', [{ ...criterion('A', 0) }], [3]],
      ['a fractional weight', [{ ...criterion('A', 2.5) }], [3]],
      ['a rating above 4', [criterion('A', 3)], [5]],
      ['a rating of 0', [criterion('A', 3)], [0]],
    ])('%s', (_, criteria, ratings) => {
      const responses: PanelResponse[] = [
        { overallFit: 'GOOD_FIT', ratings: ratings.map((rating) => ({ criterionId: 'id-A', rating: rating as Rating })) },
      ];

      expect(() => composeAnswer(input(criteria, responses))).toThrow(RangeError);
    });
  });
});

describe(requiredResponses.name, () => {
  it.each([
    [3, 2, 2],
    [1, 2, 1],
    [0, 2, 1],
    [4, 0, 1],
    [5, 5, 5],
  ])('a panel of %p with an org minimum of %p needs %p', (panelSize, minimum, expected) => {
    expect(requiredResponses(panelSize, minimum)).toBe(expected);
  });
});

describe(lowerMedianBand.name, () => {
  it('has no answer for no bands', () => {
    expect(() => lowerMedianBand([])).toThrow(RangeError);
  });
});
