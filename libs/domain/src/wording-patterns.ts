// The small pattern language the wording lexicon (wording-lexicon.json) is written in, matched
// against wordTokens(). A pattern is parts separated by spaces; a part is one of
//   mother|mum|stay_at_home   any of these (forms as written, normalised or lemma, so "mothers"
//                             and "mum's" match); "_" or "-" joins the words of one alternative
//   @people                   any word of a named set in the lexicon (may be mixed with words)
//   #NUM                      a part of speech (NUM, NOUN, VERB, ADJ, PROPN…); "pretty#ADJ" needs both
//   *                         any one word (not punctuation)
//   ..                        up to three words (not punctuation)
//   $                         the end of the text or a punctuation mark next (consumes nothing)
// and a trailing "?" makes a part optional. Punctuation is matched only when written (",").
import type { WordToken } from './wording-tokens';

interface Word {
  readonly forms: ReadonlySet<string> | null;
  readonly pos: string | null;
}

type Step =
  { kind: 'choice'; options: readonly (readonly Word[])[]; optional: boolean } | { kind: 'gap'; max: number } | { kind: 'boundary' };

export interface CompiledPattern {
  readonly source: string;
  readonly steps: readonly Step[];
}

export type WordSets = Readonly<Record<string, readonly string[]>>;

const GAP_WORDS = 3;

function compilePart(part: string, source: string, sets: WordSets): Step {
  if (part === '..') return { kind: 'gap', max: GAP_WORDS };
  if (part === '$') return { kind: 'boundary' };
  const optional = part.length > 1 && part.endsWith('?');
  const [body, pos = null] = (optional ? part.slice(0, -1) : part).split('#') as [string, string?];
  if (body === '' || body === '*') return { kind: 'choice', options: [[{ forms: null, pos }]], optional };
  const single = new Set<string>();
  const options: Word[][] = [];
  for (const alternative of body.split('|')) {
    if (alternative.startsWith('@')) {
      const set = sets[alternative.slice(1)];
      if (!set) throw new Error(`wording pattern "${source}": no word set ${alternative}`);
      for (const member of set) {
        const words = member.toLowerCase().split(/[\s_-]+/u);
        if (words.length === 1) single.add(words[0]);
        else options.push(words.map((word) => ({ forms: new Set([word]), pos: null })));
      }
      continue;
    }
    const words = alternative.toLowerCase().split(/(?<=.)[_-](?=.)/u);
    if (words.length > 1) options.push(words.map((word) => ({ forms: new Set([word]), pos: null })));
    // the tokenizer splits most hyphenated words ("old-fashioned") but keeps some whole ("non-binary")
    if (words.length === 1 || alternative.includes('-')) single.add(alternative.toLowerCase());
  }
  if (single.size > 0) options.unshift([{ forms: single, pos }]);
  return { kind: 'choice', options, optional };
}

export function compilePattern(source: string, sets: WordSets): CompiledPattern {
  const steps = source
    .trim()
    .split(/\s+/u)
    .map((part) => compilePart(part, source, sets));
  if (steps.every((step) => step.kind !== 'choice' || step.optional)) {
    throw new Error(`wording pattern "${source}" matches nothing in particular`);
  }
  return { source, steps };
}

function matchesWord(word: Word, token: WordToken): boolean {
  if (word.pos !== null && token.pos !== word.pos) return false;
  if (word.forms === null) return !token.punctuation;
  for (const form of token.forms) if (word.forms.has(form)) return true;
  return false;
}

/** The index one past the last token of a match of steps[stepIndex…] starting at `at`, or -1. */
function matchFrom(steps: readonly Step[], stepIndex: number, tokens: readonly WordToken[], at: number): number {
  if (stepIndex === steps.length) return at;
  const step = steps[stepIndex];
  if (step.kind === 'boundary') {
    return at === tokens.length || tokens[at].punctuation ? matchFrom(steps, stepIndex + 1, tokens, at) : -1;
  }
  if (step.kind === 'gap') {
    for (let skipped = 0; skipped <= step.max; skipped += 1) {
      if (skipped > 0 && (at + skipped > tokens.length || tokens[at + skipped - 1].punctuation)) break;
      const end = matchFrom(steps, stepIndex + 1, tokens, at + skipped);
      if (end !== -1) return end;
    }
    return -1;
  }
  for (const option of step.options) {
    if (option.every((word, offset) => at + offset < tokens.length && matchesWord(word, tokens[at + offset]))) {
      const end = matchFrom(steps, stepIndex + 1, tokens, at + option.length);
      if (end !== -1) return end;
    }
  }
  return step.optional ? matchFrom(steps, stepIndex + 1, tokens, at) : -1;
}

export interface PatternMatch {
  /** Token indexes: the match is tokens[first] up to, not including, tokens[last]. */
  readonly first: number;
  readonly last: number;
}

/**
 * Patterns matched together. Most patterns start with given words, so each is only tried where
 * one of its first words stands: a long message costs tokens × a few patterns, not × all of them.
 */
export class PatternSet {
  private readonly byFirstWord = new Map<string, CompiledPattern[]>();
  private readonly anywhere: CompiledPattern[] = [];

  constructor(patterns: readonly CompiledPattern[]) {
    for (const pattern of patterns) {
      const first = pattern.steps[0];
      const firstWords = first.kind === 'choice' && !first.optional ? first.options.map((option) => option[0].forms) : [null];
      if (firstWords.some((forms) => forms === null)) {
        this.anywhere.push(pattern);
        continue;
      }
      for (const forms of firstWords) {
        for (const form of forms!) {
          const list = this.byFirstWord.get(form) ?? [];
          if (!list.includes(pattern)) list.push(pattern);
          this.byFirstWord.set(form, list);
        }
      }
    }
  }

  /** Every place each pattern matches, leftmost first and not overlapping itself. */
  find(tokens: readonly WordToken[]): PatternMatch[] {
    const matches: PatternMatch[] = [];
    const freeFrom = new Map<CompiledPattern, number>();
    for (let first = 0; first < tokens.length; first += 1) {
      const candidates = new Set(this.anywhere);
      for (const form of tokens[first].forms) this.byFirstWord.get(form)?.forEach((pattern) => candidates.add(pattern));
      for (const pattern of candidates) {
        if ((freeFrom.get(pattern) ?? 0) > first) continue;
        const last = matchFrom(pattern.steps, 0, tokens, first);
        if (last > first) {
          matches.push({ first, last });
          freeFrom.set(pattern, last);
        }
      }
    }
    return matches;
  }
}
