import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ConfigError, loadConfig } from './closer-config';

const ROOT = join(__dirname, '..', '..', '..');
const SECRET_NAMES = ['AUTH_JWT_SECRET', 'INTERNAL_AUTH_SECRET', 'LINK_SECRET', 'METRICS_TOKEN'];

/**
 * Every literal value given to a secret variable anywhere in the repository's files:
 * `NAME=value` (.env, shell), `NAME: value` / `NAME: 'value'` (YAML, objects) and
 * `${NAME:-value}` (compose defaults). Shorter than 32 characters is refused anyway.
 */
function secretValuesWrittenInRepository(): { name: string; value: string; file: string }[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  const found: { name: string; value: string; file: string }[] = [];
  const names = SECRET_NAMES.join('|');
  const patterns = [
    new RegExp(`\\b(${names})\\s*[=:]\\s*(['"]?)([A-Za-z0-9][A-Za-z0-9_.+/=~-]{31,})\\2`, 'g'),
    new RegExp(`\\$\\{(${names}):?-([^}]{32,})\\}`, 'g'),
  ];
  for (const file of files) {
    if (file.endsWith('package-lock.json') || /\.(png|jpe?g|ico|woff2?)$/.test(file)) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const value = match[3] ?? match[2];
        found.push({ name: match[1], value, file });
      }
    }
  }
  return found;
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('production secrets', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
    LINK_SECRET: randomBytes(32).toString('hex'),
    SMTP_URL: 'smtp://mail.acme.example:587',
    AUTH_JWT_ISSUER: 'https://id.acme.example/',
    AUTH_JWT_AUDIENCE: 'closer',
  };

  it('finds the values written in the repository (the scan itself works)', () => {
    const values = secretValuesWrittenInRepository().map((entry) => entry.value);
    expect(values).toContain('closer-dev-link-secret-not-for-production-use');
    expect(values).toContain('closer-dev-internal-secret-not-for-production-use');
    expect(values).toContain('closer-dev-jwt-secret-not-for-production-use');
  });

  it('refuses every secret value written anywhere in the repository, in the variable it was written for', () => {
    const accepted = secretValuesWrittenInRepository().filter(
      ({ name, value }) =>
        !problemsOf({ ...production, [name]: value }).includes(`${name}: a value written in the repository may not be used in production`),
    );
    expect(accepted).toEqual([]);
  });

  it('refuses the compose placeholders of earlier versions, in any secret variable', () => {
    for (const value of [
      'closer-compose-jwt-secret-change-me-in-production',
      'closer-compose-internal-secret-change-me-in-production',
      'closer-compose-link-secret-change-me-in-production',
    ]) {
      for (const name of SECRET_NAMES) {
        expect({ name, problems: problemsOf({ ...production, [name]: value }) }).toEqual({
          name,
          problems: [`${name}: a value written in the repository may not be used in production`],
        });
      }
    }
  });

  it('accepts random hex and base64 secrets of 32 characters', () => {
    for (let n = 0; n < 50; n++) {
      expect(problemsOf({ ...production, LINK_SECRET: randomBytes(16).toString('hex') })).toEqual([]);
      expect(problemsOf({ ...production, LINK_SECRET: randomBytes(24).toString('base64') })).toEqual([]);
    }
  });
});
