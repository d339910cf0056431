import { compilePattern, PatternSet } from './wording-patterns';
import { wordTokens } from './wording-tokens';

const SETS = { people: ['candidate', 'engineer', 'man'], poss: ['your', 'his'] };

/** The words each match of `sources` covers in `text`, as written. */
function matched(sources: string[], text: string): string[] {
  const tokens = wordTokens(text);
  return new PatternSet(sources.map((source) => compilePattern(source, SETS)))
    .find(tokens)
    .sort((a, b) => a.first - b.first)
    .map(({ first, last }) => text.slice(tokens[first].start, tokens[last - 1].end));
}

describe(PatternSet.name, () => {
  it.each<[string, string[], string, string[]]>([
    [
      'any form of a word: written, normalised or lemma',
      ['mother'],
      'Two Mothers; mothers; a mother’s view.',
      ['Mothers', 'mothers', 'mother'],
    ],
    ['British and American spellings through the lemma', ['mom', 'color'], 'A mum, a mom; colours.', ['mum', 'mom', 'colours']],
    [
      'alternatives and word sets',
      ['young|younger @people'],
      'A younger engineer; young candidates; young code.',
      ['younger engineer', 'young candidates'],
    ],
    [
      'words joined by "_" or "-" in one alternative',
      ['walking_stick|cane'],
      'Your walking stick, a cane, a stick.',
      ['walking stick', 'cane'],
    ],
    [
      'a hyphenated word split by the tokenizer',
      ['old-fashioned'],
      'You seem old-fashioned and old fashioned.',
      ['old-fashioned', 'old fashioned'],
    ],
    ['a part of speech', ['at #NUM'], 'At 52, at noon.', ['At 52']],
    ['a word with a part of speech', ['fit#VERB in'], 'We fit in. A fit in time.', ['fit in']],
    ['an optional word', ['too? old'], 'Too old, old.', ['Too old', 'old']],
    ['up to three words between', ['you .. old'], 'You are far too old. You are a bit too very old.', ['You are far too old']],
    ['a gap never crosses punctuation', ['you .. old'], 'You, old.', []],
    ['the end of the text or punctuation next', ['fit in $'], 'Fit in, fit in memory, fit in', ['Fit in', 'fit in']],
    ['punctuation only when written', ['at #NUM ,? you'], 'At 52, you; at 52 you', ['At 52, you', 'at 52 you']],
  ])('matches %s', (_, sources, text, expected) => {
    expect(matched(sources, text)).toEqual(expected);
  });

  it('keeps each pattern’s matches from overlapping themselves, but not other patterns’', () => {
    expect(matched(['your age', 'at your age'], 'At your age.')).toEqual(['At your age', 'your age']);
  });

  it.each([
    ['an unknown word set', '@nobody old'],
    ['a pattern of nothing but optional parts', 'too? old?'],
    ['a pattern of nothing but gaps', '.. $'],
  ])('refuses %s', (_, source) => {
    expect(() => compilePattern(source, SETS)).toThrow(source);
  });
});
