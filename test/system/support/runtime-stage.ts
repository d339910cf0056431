// Carries out the Dockerfile's last (runtime) stage in a directory, as far as a machine without a
// Docker engine can: the directory plays /app, COPY from the context reads the repository,
// COPY --from=build reads the repository after `npm run build` (the build stage's /app), RUN runs
// with the stage's ENV. USER and the base image are the parts it cannot reproduce.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, posix } from 'node:path';

import { commandsOf, environmentOf, parseDockerfile } from '../../support/dockerfile';

const IMAGE_WORKDIR = '/app';

export interface RuntimeStage {
  /** The stage's ENV, as its processes see it. */
  env: Record<string, string>;
  /** Every RUN command, in order. */
  commands: string[];
}

export function assembleRuntimeStage(root: string, target: string, extraEnv: Record<string, string> = {}): RuntimeStage {
  const stages = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const stage = stages[stages.length - 1];
  const env: Record<string, string> = {};
  const commands: string[] = [];
  let workdir = IMAGE_WORKDIR;
  const inImage = (path: string) => {
    const absolute = posix.resolve(workdir, path);
    if (!absolute.startsWith(IMAGE_WORKDIR)) throw new Error(`${path} lies outside ${IMAGE_WORKDIR}`);
    return join(target, posix.relative(IMAGE_WORKDIR, absolute));
  };
  mkdirSync(target, { recursive: true });

  for (const instruction of stage.instructions) {
    switch (instruction.keyword) {
      case 'WORKDIR':
        workdir = posix.resolve(workdir, instruction.args.trim());
        mkdirSync(inImage('.'), { recursive: true });
        break;
      case 'ENV':
        Object.assign(env, environmentOf(instruction));
        break;
      case 'COPY': {
        const from = instruction.flags.from;
        if (from !== undefined && from !== 'build') throw new Error(`COPY --from=${from}: only the build stage is known here`);
        const destination = instruction.destination!;
        const intoDirectory = destination.endsWith('/') || instruction.sources.length > 1;
        for (const source of instruction.sources) {
          // the build stage's /app is the repository once `npm run build` has run
          const path = from === 'build' ? join(root, posix.relative(IMAGE_WORKDIR, source)) : join(root, source);
          const isDirectory = statSync(path).isDirectory();
          const to = intoDirectory && !isDirectory ? join(inImage(destination), basename(source)) : inImage(destination);
          cpSync(path, to, { recursive: true });
        }
        break;
      }
      case 'RUN':
        for (const command of commandsOf(instruction)) commands.push(command);
        // a cache mount (`RUN --mount=type=cache,...`) is this machine's own cache here
        run(instruction.body, inImage('.'), { ...env, ...extraEnv });
        break;
      case 'ADD':
        throw new Error('ADD is not reproduced here');
      default:
        break; // USER, EXPOSE, CMD: nothing to lay out
    }
  }
  return { env, commands };
}

function run(script: string, cwd: string, env: Record<string, string>): void {
  const result = spawnSync('sh', ['-c', script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`RUN ${script} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}
