// Measures the wording check (libs/domain) against the labelled corpus in
// libs/domain/data/wording: recall and precision per category and overall, for the development
// and the held-out parts, and every miss. Exits non-zero when the held-out part falls below the
// floor CI holds (DESIGN.md, "The wording check").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { checkWording } from '@closer/domain';

const FLOOR = { recall: 0.95, precision: 0.95 };
const CORPUS = join(__dirname, '..', 'libs', 'domain', 'data', 'wording');
const PARTS = [
  { name: 'development', file: 'development.jsonl', floor: false },
  { name: 'held-out', file: 'held-out.jsonl', floor: true },
] as const;

/** The corpus's category keys and the flag each one expects (the table in the corpus README). */
const FLAG_OF: Record<string, string> = {
  age: 'protected characteristic: age',
  disability: 'protected characteristic: disability',
  sex: 'protected characteristic: gender',
  'gender-identity': 'protected characteristic: gender identity',
  'marital-status': 'protected characteristic: marital status',
  'pregnancy-parenthood': 'protected characteristic: pregnancy',
  race: 'protected characteristic: ethnicity',
  'national-origin': 'protected characteristic: nationality',
  religion: 'protected characteristic: religion',
  'sexual-orientation': 'protected characteristic: sexual orientation',
  genetic: 'protected characteristic: genetic information',
  'family-caring': 'family and caring responsibilities',
  appearance: 'physical appearance',
  'culture-fit': 'culture fit / personality',
};

interface Example {
  text: string;
  labels: string[];
}

interface Counts {
  labelled: number;
  found: number;
  flagged: number;
  correct: number;
}

function load(file: string): Example[] {
  return readFileSync(join(CORPUS, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const example = JSON.parse(line) as Example;
      for (const label of example.labels) {
        if (!(label in FLAG_OF)) throw new Error(`${file}:${index + 1}: unknown label ${label}`);
      }
      return example;
    });
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
const percent = (value: number): string => value.toFixed(3);

function evaluate(name: string, examples: Example[]): { recall: number; precision: number } {
  const perCategory = new Map<string, Counts>(Object.keys(FLAG_OF).map((key) => [key, { labelled: 0, found: 0, flagged: 0, correct: 0 }]));
  const overall = { risky: 0, found: 0, flagged: 0, flaggedRisky: 0 };
  // a risky message held for review under another category still reaches a reviewer
  let riskyHeld = 0;
  const misses: string[] = [];
  const falseFlags: string[] = [];

  for (const { text, labels } of examples) {
    const flags = new Set<string>(checkWording([text]));
    const risky = labels.length > 0;
    if (risky) overall.risky += 1;
    if (flags.size > 0) overall.flagged += 1;
    if (flags.size > 0 && risky) overall.flaggedRisky += 1;
    if (flags.size > 0 && risky) riskyHeld += 1;
    if (risky && labels.some((label) => flags.has(FLAG_OF[label]))) overall.found += 1;
    for (const [key, counts] of perCategory) {
      const labelled = labels.includes(key);
      const flagged = flags.has(FLAG_OF[key]);
      if (labelled) counts.labelled += 1;
      if (flagged) counts.flagged += 1;
      if (labelled && flagged) {
        counts.found += 1;
        counts.correct += 1;
      }
      if (labelled && !flagged) misses.push(`  missed ${key}: ${text}${flags.size ? `  (flagged: ${[...flags].join('; ')})` : ''}`);
      if (flagged && !labelled) falseFlags.push(`  false ${key}: ${text}${risky ? `  (labelled: ${labels.join(', ')})` : ''}`);
    }
  }

  const recall = ratio(overall.found, overall.risky);
  const precision = ratio(overall.flaggedRisky, overall.flagged);
  console.log(`\n${name}: ${examples.length} messages, ${overall.risky} risky, ${examples.length - overall.risky} clean`);
  console.log(`  ${'category'.padEnd(22)} ${'recall'.padStart(16)} ${'precision'.padStart(16)}`);
  for (const [key, counts] of perCategory) {
    const recallCell = `${percent(ratio(counts.found, counts.labelled))} (${counts.found}/${counts.labelled})`;
    const precisionCell = `${percent(ratio(counts.correct, counts.flagged))} (${counts.correct}/${counts.flagged})`;
    console.log(`  ${key.padEnd(22)} ${recallCell.padStart(16)} ${precisionCell.padStart(16)}`);
  }
  const recallCell = `${percent(recall)} (${overall.found}/${overall.risky})`;
  const precisionCell = `${percent(precision)} (${overall.flaggedRisky}/${overall.flagged})`;
  console.log(`  ${'overall (messages)'.padEnd(22)} ${recallCell.padStart(16)} ${precisionCell.padStart(16)}`);
  console.log(
    `  ${'risky held (any flag)'.padEnd(22)} ${`${percent(ratio(riskyHeld, overall.risky))} (${riskyHeld}/${overall.risky})`.padStart(16)}`,
  );
  if (misses.length) console.log(`  misses (${misses.length}):\n${misses.join('\n')}`);
  if (falseFlags.length) console.log(`  false flags (${falseFlags.length}):\n${falseFlags.join('\n')}`);
  return { recall, precision };
}

const started = Date.now();
let belowFloor = false;
for (const part of PARTS) {
  const { recall, precision } = evaluate(part.name, load(part.file));
  if (part.floor && (recall < FLOOR.recall || precision < FLOOR.precision)) {
    belowFloor = true;
    console.log(`\n${part.name} is below the floor (recall ≥ ${FLOOR.recall}, precision ≥ ${FLOOR.precision})`);
  }
}
console.log(`\n${Date.now() - started} ms`);
process.exitCode = belowFloor ? 1 : 0;
