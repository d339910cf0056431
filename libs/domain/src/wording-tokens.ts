// Splits a text into words with their lemma and part of speech, so the wording check's patterns
// match every form of a word ("mums", "mom", "mothers" → "mom"/"mother", "colour" → "color")
// and can tell a verb from a noun. wink-nlp's English model ships inside its npm package: nothing
// is downloaded at run time.
import type WinkNlp from 'wink-nlp';
import type { Model } from 'wink-nlp';

export interface WordToken {
  /** The word's forms to match against, lower-case: as written, normalised, lemma; without "'s". */
  readonly forms: ReadonlySet<string>;
  /** Universal part-of-speech tag: NOUN, VERB, ADJ, PROPN, NUM, PUNCT… */
  readonly pos: string;
  readonly punctuation: boolean;
  /** Where the word stands in the text as given: text.slice(start, end) is the word. */
  readonly start: number;
  readonly end: number;
}

type Nlp = ReturnType<typeof WinkNlp>;
let nlp: Nlp | undefined;

// the model takes ~15 MB and a few hundred milliseconds to load: required on the first screening,
// so the apps that never screen (gateway, worker) do not carry it
function loaded(): Nlp {
  if (!nlp) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const winkNLP = require('wink-nlp') as typeof WinkNlp;
    const model = require('wink-eng-lite-web-model') as Model;
    /* eslint-enable @typescript-eslint/no-require-imports */
    nlp = winkNLP(model, ['sbd', 'pos']);
  }
  return nlp;
}

const POSSESSIVE = /['’]s$/u;
// hyphens and quotes join or wrap words ("58-year-old", "gut-feeling", a quoted remark) without
// separating them the way a comma or full stop does
const TRANSPARENT = /^[-‐‑–—'"‘’“”]+$/u;

export function wordTokens(text: string): WordToken[] {
  const its = loaded().its;
  // typographic quotes read as straight ones ("can’t" splits like "can't"); one character for
  // one, so the offsets still point into the text as given
  const plain = text.replace(/[‘’]/gu, "'").replace(/[“”]/gu, '"');
  const doc = loaded().readDoc(plain);
  /* eslint-disable @typescript-eslint/unbound-method -- wink's its.* are plain functions typed as methods */
  const values = doc.tokens().out(its.value);
  const normals = doc.tokens().out(its.normal);
  // the typings declare lemma's signature apart from the other token properties'
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value);
  const tags = doc.tokens().out(its.pos);
  /* eslint-enable @typescript-eslint/unbound-method */
  const tokens: WordToken[] = [];
  let cursor = 0;
  values.forEach((value, index) => {
    const found = plain.indexOf(value, cursor);
    const start = found === -1 ? cursor : found;
    const end = found === -1 ? cursor : found + value.length;
    cursor = end;
    // "in." at a sentence's end: the excerpt is the word, not its full stop
    const wordEnd = value.length > 1 && value.endsWith('.') ? end - 1 : end;
    if (TRANSPARENT.test(value)) return;
    const forms = new Set<string>();
    for (const form of [value, normals[index], lemmas[index]]) {
      const lower = form.normalize('NFKC').toLowerCase();
      forms.add(lower);
      if (POSSESSIVE.test(lower) && lower.length > 2) forms.add(lower.replace(POSSESSIVE, ''));
      // a capitalised plural ("Mothers", "Dads") is tagged a proper noun, which gets no lemma
      if (tags[index] === 'PROPN' && lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss')) forms.add(lower.slice(0, -1));
      // "non-Asian", "non-citizen": the word after the prefix is what the check looks for
      if (lower.startsWith('non-') && lower.length > 4) forms.add(lower.slice(4));
      // the model keeps a sentence's last full stop on some words ("in.")
      if (lower.length > 1 && lower.endsWith('.')) forms.add(lower.slice(0, -1));
    }
    tokens.push({ forms, pos: tags[index], punctuation: tags[index] === 'PUNCT' || tags[index] === 'SYM', start, end: wordEnd });
  });
  return tokens;
}
