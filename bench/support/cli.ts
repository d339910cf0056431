/** `--name value`, `--name=value` and bare `--flag` arguments; anything else is an error. */
export function parseArgs(
  argv: string[],
  known: Record<string, 'string' | 'number' | 'boolean'>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument ${arg}`);
    const [, name, inline] = match as unknown as [string, string, string | undefined];
    const type = known[name];
    if (!type)
      throw new Error(
        `unknown option --${name} (known: ${Object.keys(known)
          .map((k) => `--${k}`)
          .join(', ')})`,
      );
    if (type === 'boolean') {
      out[name] = inline === undefined ? true : !/^(0|false|no)$/i.test(inline);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (type === 'number') {
      const number = Number(value.replace(/_/g, ''));
      if (!Number.isFinite(number) || number < 0) throw new Error(`--${name} must be a non-negative number, got ${value}`);
      out[name] = number;
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** Runs `main`, prints a failure on stderr and sets the exit code; never leaves a rejected promise. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
