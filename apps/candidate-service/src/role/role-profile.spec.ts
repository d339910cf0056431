import { CriterionValues, planProfile } from './role-profile';

const criterion = (label: string, weight = 3): CriterionValues => ({ label, description: null, kind: 'SKILL', weight });

describe(planProfile.name, () => {
  it('keeps the id of a criterion whose label matches case-insensitively, at its new position', () => {
    const sut = planProfile(
      [
        { id: 'a', label: 'TypeScript' },
        { id: 'b', label: 'SQL' },
      ],
      [criterion('sql', 5), criterion('typescript')],
    );
    expect(sut).toEqual({
      keep: [
        { id: 'b', values: criterion('sql', 5), position: 0 },
        { id: 'a', values: criterion('typescript'), position: 1 },
      ],
      insert: [],
      retire: [],
    });
  });

  it('inserts new labels and retires the current criteria that are gone', () => {
    const sut = planProfile(
      [
        { id: 'a', label: 'TypeScript' },
        { id: 'b', label: 'SQL' },
      ],
      [criterion('Kindness'), criterion('SQL')],
    );
    expect(sut).toEqual({
      keep: [{ id: 'b', values: criterion('SQL'), position: 1 }],
      insert: [{ values: criterion('Kindness'), position: 0 }],
      retire: ['a'],
    });
  });

  it('starts a profile from nothing', () => {
    const sut = planProfile([], [criterion('One'), criterion('Two')]);
    expect(sut).toEqual({
      keep: [],
      insert: [
        { values: criterion('One'), position: 0 },
        { values: criterion('Two'), position: 1 },
      ],
      retire: [],
    });
  });
});
