import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** `npm run audit:pages` with its arguments, in its own process: Lighthouse 12 is ES modules only, which jest cannot load. */
function auditPages(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'bench', 'audit-pages.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Lighthouse's accessibility category, as the product's users' tools judge it, on the interviewer's
 * form, the candidate's portal and a recruiter's session page (signed in by the session cookie).
 * The script checks that each page shows its own heading once judged, so a "link doesn't work" or
 * sign-in page cannot stand in for the page and pass.
 */
describe('web app: Lighthouse accessibility', () => {
  it('scores 100 on the form, the portal and the dashboard’s session page', async () => {
    const { code, stdout, stderr } = await auditPages(['--pages', 'form,portal,session', '--categories', 'accessibility']);

    const rows = stdout
      .split('\n')
      .filter((line) => /^\| (form|portal|session) /.test(line))
      .map((line) =>
        line
          .split('|')
          .map((cell) => cell.trim())
          .filter(Boolean),
      );
    expect({ rows, stderr: code === 0 ? '' : stderr }).toEqual({
      rows: [
        ['form', '100'],
        ['portal', '100'],
        ['session', '100'],
      ],
      stderr: '',
    });
    expect(stdout).toContain('accessibility 100 on every page audited (3)');
    expect(stdout).not.toContain('below 100');
    expect(code).toBe(0);
  }, 120_000);
});
