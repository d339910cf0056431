// Screens candidate-facing text before an answer is auto-released (DESIGN.md, flow step 6).
// A flag only holds the answer for a recruiter's review, so the vocabulary leans towards
// flagging; but words that are everyday in interview feedback ("race condition", "foreign
// key", "blind spot", "single page app", "older versions", "management", "human") must not
// flag, or reviewers learn to ignore the flags. Pronouns alone (he, she) are not flagged.
// English only.

export const PROTECTED_CHARACTERISTICS = [
  'age',
  'gender',
  'pregnancy',
  'religion',
  'ethnicity',
  'nationality',
  'disability',
  'marital status',
] as const;
export type ProtectedCharacteristic = (typeof PROTECTED_CHARACTERISTICS)[number];

export const CULTURE_FIT_FLAG = 'culture fit / personality';
export type WordingFlag = `protected characteristic: ${ProtectedCharacteristic}` | typeof CULTURE_FIT_FLAG;

/**
 * Alternatives matched as whole words, case-insensitively. Boundaries are "not a letter, digit
 * or underscore" in Unicode terms, since `\b` is ASCII-only and would miss "fiancée".
 */
function words(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
}

const PEOPLE =
  '(?:candidates?|people|persons?|workers?|employees?|applicants?|engineers?|developers?|folks?|team|staff|colleagues?|man|men|woman|women|guys?|blood|talent)';
const APOSTROPHE = "['’]";

const RULES: ReadonlyArray<readonly [WordingFlag, RegExp]> = [
  [
    'protected characteristic: age',
    words(
      'age',
      'ageism',
      'aged (?:\\d+|over|under|between)',
      // "ageing infrastructure" is not about people
      `(?:ageing|aging) ${PEOPLE}`,
      // broad on purpose: a false flag costs one review, a missed one a discriminatory answer
      'too (?:old|young)',
      'so young',
      `(?:years?|yrs?)[- ]old ${PEOPLE}`,
      // a person's age, not a codebase's ("the codebase is ten years old")
      `(?:you|he|she|they)(?: are|${APOSTROPHE}re| is|${APOSTROPHE}s)? (?:\\d+|[a-z]+(?:-[a-z]+)?) (?:years?|yrs?) old`,
      // "older versions" and "my old team" are not about people's age
      `(?:young|younger|older) ${PEOPLE}`,
      'youthful',
      'elderly',
      // people retire; so do legacy services ("we retired the monolith")
      'retirees?',
      'retirement age',
      '(?:close to|near|nearing|approaching|before|until) retirement',
      '(?:about|going|close|planning|plans?|wants?) to retire',
      'millennials?',
      '(?:baby )?boomers?',
      'gen[- ]?z',
      'digital natives?',
    ),
  ],
  [
    'protected characteristic: gender',
    words(
      'genders?',
      'sex',
      // "man-hours" and "man page" are about effort and Unix, not people
      '(?:wo)?m[ae]n(?!-(?:hours?|days?|months?|years?))(?! pages?)',
      'females?',
      'males?',
      'girls?',
      'lad(?:y|ies)',
      'gentlem[ae]n',
      'masculine',
      'feminine',
      'transgender',
      'non-?binary',
    ),
  ],
  [
    'protected characteristic: pregnancy',
    words(
      'pregnant',
      'pregnancy',
      'maternity',
      'paternity',
      'parental leave',
      'family planning',
      'start(?:s|ed|ing)? a family',
      'expecting a (?:baby|child)',
      // not "a tree node has children" or "it has a child process"
      '(?<!(?:nodes?|process(?:es)?|elements?|trees?|components?|it|that|which) )(?:have|has|having|had|plan(?:s|ning)? to have|want(?:s|ing)?) (?:a |more |young )?(?:baby|babies|child|children|kids)(?! (?:process|node|element|component|class|task|thread)(?:e?s)?)',
      'child ?care',
    ),
  ],
  [
    'protected characteristic: religion',
    words(
      'religions?',
      'religious',
      'church',
      'mosque',
      'synagogue',
      'christians?',
      'christianity',
      'muslims?',
      'islam',
      'islamic',
      'jews?',
      'jewish',
      'hindus?',
      'buddhists?',
      'sikhs?',
      'atheists?',
      'catholics?',
      'protestants?',
      'pray',
      'prays',
      'prayers?',
      'praying',
      'hijab',
      'headscarf',
      'turban',
      'kippah',
      'yarmulke',
      'sabbath',
      'ramadan',
    ),
  ],
  [
    'protected characteristic: ethnicity',
    words(
      'ethnic',
      'ethnicity',
      'ethnically',
      // "race condition" and "data race" are concurrency, the usual "race" in an engineering interview
      '(?<!data )race(?![- ]?conditions?)',
      '(?<!data )races',
      'racial',
      'racially',
      'skin colou?r',
      'complexion',
      'caucasian',
      'hispanic',
      'latin[aox]s?',
      'asians?',
      'africans?',
      'arabs?',
    ),
  ],
  [
    'protected characteristic: nationality',
    words(
      'nationality',
      'nationalities',
      'national origin',
      'country of origin',
      'citizenship',
      'citizens?',
      'foreigners?',
      'immigrants?',
      'immigration',
      'native (?:english )?speakers?',
      'accent',
      'accents',
      'accented',
      `where (?:you are|you${APOSTROPHE}re|(?:s)?he is|(?:s)?he${APOSTROPHE}s) from`,
    ),
  ],
  [
    'protected characteristic: disability',
    words(
      'disability',
      'disabilities',
      'disabled',
      'handicap',
      'handicapped',
      'wheelchair',
      'impaired',
      'impairment',
      '(?<!double[- ])blind(?! ?spots?)',
      'deaf',
      'autism',
      'autistic',
      'adhd',
      'dyslexia',
      'dyslexic',
      'neurodiverse',
      'neurodivergent',
      'mental (?:health|illness)',
      'mentally ill',
      'crippled?',
      'medical condition',
    ),
  ],
  [
    'protected characteristic: marital status',
    words(
      'marital',
      'married',
      'marriage',
      'unmarried',
      'divorced?',
      'widow',
      'widowed',
      'widower',
      'spouse',
      'husband',
      'wife',
      'fianc[eé]e?',
      'girlfriend',
      'boyfriend',
      'single (?:mother|father|parent|mum|mom|dad)',
      // family as a personal circumstance, not "a family of products"
      '(?:your|his|her|their) (?:family|kids)',
    ),
  ],
  [
    CULTURE_FIT_FLAG,
    words(
      'cultur(?:e|al) fit',
      'fits? (?:in )?(?:with |into )?(?:the |our )?(?:culture|team culture)',
      'team fit',
      // fitting in with people, not "fits in memory" or "fit into the budget"
      `fit(?:s|ting)? (?:in|into (?:the|our) team)(?= *(?:$|[.,;:!?)]|here|well|with (?:us|the team|our team|the others|the rest|everyone)))`,
      `(?:not|\\p{L}+n${APOSTROPHE}t) (?:one of us|a people person)`,
      'personality',
      'personalities',
      'likeable',
      'likable',
      'introverted',
      'introverts?',
      'extroverted',
      'extroverts?',
      'vibes?',
      'gut feeling',
      'beer test',
      'temperament',
    ),
  ],
];

/** The flags raised by any of the texts, each once, sorted. */
export function checkWording(texts: readonly string[]): WordingFlag[] {
  const normalized = texts.map((text) => text.normalize('NFKC'));
  return RULES.filter(([, pattern]) => normalized.some((text) => pattern.test(text)))
    .map(([flag]) => flag)
    .sort();
}
