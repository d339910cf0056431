import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createTransport } from 'nodemailer';

import { EVERYDAY_WORDS, sampleMails } from '../../test/mail-samples';
import { mailMessage } from './mail-message';
import { MailContent } from './templates/render-mail';

// SpamAssassin's local rules (no network tests) on every template, as nodemailer builds the
// message for SMTP. Skipped only where the binary is missing; CI installs it (.ci/run).
const MISSING = spawnSync('spamassassin', ['--version']).error !== undefined;
if (MISSING) console.warn('mail-spam-score.spec.ts skipped: the spamassassin binary is not installed (apt-get install spamassassin)');
const MAILS = sampleMails(EVERYDAY_WORDS);
// the anti-spam test string every SpamAssassin scores 1,000 points: shows the scores are read
const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';
const ENVELOPE = 'From closer@closer.local Mon Mar  2 14:30:00 2026';

interface Score {
  points: number;
  rules: { points: number; name: string }[];
}

/** Every mail in one mbox (one SpamAssassin start for all), each keyed by its Message-ID. */
async function mbox(mails: Record<string, MailContent>): Promise<{ text: string; ids: Map<string, string> }> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const ids = new Map<string, string>();
  const messages: string[] = [];
  for (const [name, content] of Object.entries(mails)) {
    const messageId = `<${randomBytes(20).toString('hex')}@closer.local>`;
    ids.set(messageId, name);
    const sent = await transport.sendMail(mailMessage('Closer <no-reply@closer.local>', 'ada@example.test', content, messageId));
    messages.push(`${ENVELOPE}\n${(sent.message as Buffer).toString('utf8').replace(/^From /gm, '>From ')}\n`);
  }
  return { text: messages.join(''), ids };
}

/** The report SpamAssassin's test mode appends to each message: the total and each rule's points. */
function scoresIn(output: string, ids: Map<string, string>): Map<string, Score> {
  const scores = new Map<string, Score>();
  for (const message of output.split(new RegExp(`^${ENVELOPE}$`, 'm')).slice(1)) {
    const name = ids.get(/^Message-ID: (<[^>]+>)/m.exec(message)?.[1] ?? '');
    const total = /Content analysis details: +\((-?\d+(?:\.\d+)?) points/.exec(message);
    if (!name || !total) throw new Error(`no Message-ID or no report in SpamAssassin's output:\n${message.slice(0, 2000)}`);
    const table = message.slice(total.index).split(/^-{4} -+/m)[1] ?? '';
    const rules = [...table.matchAll(/^ *(-?\d+(?:\.\d+)?) ([A-Z0-9_]+) /gm)].map(([, points, rule]) => ({
      points: Number(points),
      name: rule,
    }));
    scores.set(name, { points: Number(total[1]), rules });
  }
  return scores;
}

(MISSING ? describe.skip : describe)(
  MISSING
    ? 'SpamAssassin scores of the mails: SKIPPED, the spamassassin binary is not installed (apt-get install spamassassin)'
    : 'SpamAssassin scores of the mails',
  () => {
    const home = mkdtempSync(join(tmpdir(), 'closer-spamassassin-'));
    let scores: Map<string, Score>;

    beforeAll(async () => {
      const { text, ids } = await mbox({ ...MAILS, gtube: { subject: 'Control', text: GTUBE, html: `<p>${GTUBE}</p>` } });
      const file = join(home, 'mails.mbox');
      writeFileSync(file, text);
      // -L: local tests only; no Bayes, and a private HOME, so that nothing learnt earlier counts
      const { stdout } = await promisify(execFile)('spamassassin', ['-L', '-t', '--mbox', '--cf', 'use_bayes 0', file], {
        env: { ...process.env, HOME: home },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 150_000,
      });
      scores = scoresIn(stdout, ids);
    }, 180_000);

    afterAll(() => rmSync(home, { recursive: true, force: true }));

    it('reads a score for every mail and the control message', () => {
      expect([...scores.keys()].sort()).toEqual([...Object.keys(MAILS), 'gtube'].sort());
      expect(scores.get('gtube')!.points).toBeGreaterThanOrEqual(1000);
    });

    it.each(Object.keys(MAILS))('%s scores 0 points, with no rule adding any', (template) => {
      const score = scores.get(template)!;
      expect(score.rules.map((rule) => rule.name)).toContain('HTML_MESSAGE');
      expect(score.rules.filter((rule) => rule.points > 0)).toEqual([]);
      expect(score.points).toBeLessThanOrEqual(0);
    });
  },
);
