// Screens candidate-facing text before an answer is released (DESIGN.md, "The wording check").
// A flag holds the answer for a recruiter's review, and says which words raised it and where
// they stand, so the reviewer can fix the wording instead of guessing. What flags is data, in
// wording-lexicon.json: per category, patterns over words' lemmas and parts of speech, and the
// technical senses that must pass ("race condition", "child process", "native module"). Its
// recall and precision are measured on the labelled corpus in libs/domain/data/wording by
// `npm run eval:wording`, which CI holds to a floor. English only.
import lexicon from './wording-lexicon.json';
import { compilePattern, type PatternMatch, PatternSet } from './wording-patterns';
import { wordTokens } from './wording-tokens';

export const PROTECTED_CHARACTERISTICS = [
  'age',
  'disability',
  'ethnicity',
  'gender',
  'gender identity',
  'genetic information',
  'marital status',
  'nationality',
  'pregnancy',
  'religion',
  'sexual orientation',
] as const;
export type ProtectedCharacteristic = (typeof PROTECTED_CHARACTERISTICS)[number];

export const CULTURE_FIT_FLAG = 'culture fit / personality';
export const FAMILY_CARING_FLAG = 'family and caring responsibilities';
export const APPEARANCE_FLAG = 'physical appearance';
export type WordingFlag =
  `protected characteristic: ${ProtectedCharacteristic}` | typeof CULTURE_FIT_FLAG | typeof FAMILY_CARING_FLAG | typeof APPEARANCE_FLAG;

export const WORDING_FLAGS: readonly WordingFlag[] = [
  ...PROTECTED_CHARACTERISTICS.map((characteristic) => `protected characteristic: ${characteristic}` as const),
  FAMILY_CARING_FLAG,
  APPEARANCE_FLAG,
  CULTURE_FIT_FLAG,
];

/**
 * The candidate-facing fields of an answer, as the API names them; `profile` holds the labels of
 * the role's criteria that are neither a strength nor a gap (the candidate reads them too).
 */
export const WORDING_FIELDS = ['message', 'strengths', 'gaps', 'nextSteps', 'profile'] as const;
export type WordingField = (typeof WORDING_FIELDS)[number];

export interface WordingText {
  readonly field: WordingField;
  readonly text: string;
}

export interface WordingFlagDetail {
  readonly category: WordingFlag;
  /** The words that raised the flag, exactly as they stand in the text. */
  readonly excerpt: string;
  readonly field: WordingField;
}

interface Category {
  readonly flag: WordingFlag;
  readonly patterns: PatternSet;
  /** Matches of this category touching one of these are another sense ("one of the lads" is not about sex). */
  readonly unless: PatternSet;
}

interface Lexicon {
  readonly technical: PatternSet;
  readonly categories: readonly Category[];
}

let compiled: Lexicon | undefined;

// compiled once, and checked: a typo in a category's name would otherwise silently flag nothing
function loadedLexicon(): Lexicon {
  if (compiled) return compiled;
  const { sets } = lexicon;
  const compile = (sources: readonly string[] = []) => new PatternSet(sources.map((source) => compilePattern(source, sets)));
  compiled = {
    technical: compile(lexicon.technical),
    categories: lexicon.categories.map((category) => {
      if (!(WORDING_FLAGS as readonly string[]).includes(category.flag)) {
        throw new Error(`wording lexicon: unknown category "${category.flag}"`);
      }
      return {
        flag: category.flag as WordingFlag,
        patterns: compile(category.patterns),
        unless: compile('unless' in category ? category.unless : []),
      };
    }),
  };
  return compiled;
}

const within = (inner: PatternMatch, outer: PatternMatch): boolean => outer.first <= inner.first && inner.last <= outer.last;
const overlapping = (a: PatternMatch, b: PatternMatch): boolean => a.first < b.last && b.first < a.last;

/** The flags of one text: per category, the matches not inside a technical sense or another sense. */
function screenText({ field, text }: WordingText): WordingFlagDetail[] {
  const { technical, categories } = loadedLexicon();
  const tokens = wordTokens(text);
  const technicalSenses = technical.find(tokens);
  const details: Array<WordingFlagDetail & { start: number }> = [];
  for (const category of categories) {
    const otherSenses = [...technicalSenses, ...category.unless.find(tokens)];
    // a match touching another sense's words is that sense ("your age-gating logic", "race condition")
    const matches = category.patterns.find(tokens).filter((match) => !otherSenses.some((sense) => overlapping(match, sense)));
    // one excerpt per stretch of words: "at your age" rather than also "your age"
    const widest = matches.filter(
      (match, index) =>
        !matches.some(
          (other, otherIndex) =>
            otherIndex !== index && within(match, other) && (other.last - other.first > match.last - match.first || otherIndex < index),
        ),
    );
    for (const match of widest) {
      const start = tokens[match.first].start;
      const excerpt = text.slice(start, tokens[match.last - 1].end);
      details.push({ category: category.flag, excerpt, field, start });
    }
  }
  return details
    .sort((a, b) => a.start - b.start || a.category.localeCompare(b.category))
    .map(({ category, excerpt, field }) => ({ category, excerpt, field }));
}

/** Each flag raised by the texts, with its excerpt and field, in the order they stand. */
export function screenWording(texts: readonly WordingText[]): WordingFlagDetail[] {
  return texts.filter(({ text }) => text.trim() !== '').flatMap(screenText);
}

export interface CandidateFacingText {
  readonly message: string | null;
  readonly strengths: readonly string[];
  readonly gaps: readonly string[];
  readonly nextSteps: string | null;
  readonly profile: readonly { readonly criterion: string }[];
}

/** Everything the candidate would read of an answer, field by field, for screenWording. */
export function candidateFacingTexts(answer: CandidateFacingText): WordingText[] {
  // a gap may be a label with a prefix ("Not enough evidence: …"): the label is screened there
  const lines = [...answer.strengths, ...answer.gaps];
  const listed = (criterion: string) => lines.some((line) => line.endsWith(criterion));
  return [
    { field: 'message' as const, text: answer.message ?? '' },
    ...answer.strengths.map((text) => ({ field: 'strengths' as const, text })),
    ...answer.gaps.map((text) => ({ field: 'gaps' as const, text })),
    { field: 'nextSteps' as const, text: answer.nextSteps ?? '' },
    ...answer.profile
      .filter(({ criterion }) => !listed(criterion))
      .map(({ criterion }) => ({ field: 'profile' as const, text: criterion })),
  ];
}

/** The categories of the flags, each once, sorted: the answer's `flags`. */
export function flagCategories(details: readonly WordingFlagDetail[]): WordingFlag[] {
  return [...new Set(details.map(({ category }) => category))].sort();
}

/** The flags raised by any of the texts, each once, sorted. */
export function checkWording(texts: readonly string[]): WordingFlag[] {
  return flagCategories(screenWording(texts.map((text) => ({ field: 'message', text }))));
}
