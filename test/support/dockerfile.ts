// A small Dockerfile reader for the tests that check the image: stages and their instructions,
// with line continuations joined, comments dropped and COPY/ADD split into flags, sources and
// destination. It covers the syntax our Dockerfile uses, not every corner of BuildKit's.

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuations joined. */
  args: string;
  /** Leading options: `COPY --from=build` → { from: 'build' }, `RUN --mount=...` → { mount: '...' }. */
  flags: Record<string, string>;
  /** What follows the options: RUN's command, CMD's JSON, COPY's paths. */
  body: string;
  /** COPY/ADD: what is copied. */
  sources: string[];
  /** COPY/ADD: where to. */
  destination?: string;
}

export interface Stage {
  name?: string;
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue; // comments (and parser directives), also inside a continuation
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const complete = (pending + line).trim();
    pending = '';
    if (complete) logical.push(complete);
  }
  if (pending.trim()) logical.push(pending.trim());

  const stages: Stage[] = [];
  for (const line of logical) {
    const [, word, rest = ''] = /^(\S+)\s*(.*)$/.exec(line)!;
    const keyword = word.toUpperCase();
    if (keyword === 'FROM') {
      const parts = rest.split(/\s+/).filter((part) => !part.startsWith('--'));
      const as = parts.findIndex((part) => part.toUpperCase() === 'AS');
      stages.push({ from: parts[0], name: as >= 0 ? parts[as + 1] : undefined, instructions: [] });
      continue;
    }
    if (stages.length === 0) throw new Error(`${keyword} before the first FROM`);
    stages[stages.length - 1].instructions.push(instruction(keyword, rest));
  }
  return stages;
}

const OPTION = /^--([a-z-]+)(?:=(\S*))?\s+/;

function instruction(keyword: string, args: string): Instruction {
  const flags: Record<string, string> = {};
  let body = args;
  for (let option = OPTION.exec(body); option; option = OPTION.exec(body)) {
    flags[option[1]] = option[2] ?? 'true';
    body = body.slice(option[0].length);
  }
  const result: Instruction = { keyword, args, flags, body, sources: [] };
  if (keyword !== 'COPY' && keyword !== 'ADD') return result;
  const paths = body.startsWith('[') ? (JSON.parse(body) as string[]) : body.split(/\s+/);
  result.destination = paths.pop();
  result.sources = paths;
  return result;
}

/** The shell commands of a RUN (`a && b` is two), exec form included. */
export function commandsOf(run: Instruction): string[] {
  const text = run.body.startsWith('[') ? (JSON.parse(run.body) as string[]).join(' ') : run.body;
  return text
    .split(/&&|;|\|\|/)
    .map((command) => command.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

/** ENV in both forms: `ENV A=1 B="x y"` and the legacy `ENV A 1`. */
export function environmentOf(env: Instruction): Record<string, string> {
  const pairs = [...env.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)];
  if (pairs.length === 0) {
    const [name, ...value] = env.args.split(/\s+/);
    return { [name]: value.join(' ') };
  }
  return Object.fromEntries(pairs.map(([, name, value]) => [name, value.replace(/^(["'])(.*)\1$/, '$2')]));
}
