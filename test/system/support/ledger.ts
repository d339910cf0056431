import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CapturedMail } from '@closer/mailbox';

import type { SeededForm } from './seed';
import type { SystemStack } from './system-stack';

/** `SYSTEM_SCALE=full` runs the sizes of the issue (≥ 500 forms); anything else the reduced CI size. */
export const SCALE: 'full' | 'reduced' = process.env.SYSTEM_SCALE === 'full' ? 'full' : 'reduced';
/** Sessions of three interviewers each: 510 forms at full size, 150 reduced. */
export const SESSIONS = SCALE === 'full' ? 170 : 50;

export const isFormInvite = (mail: CapturedMail) => mail.subject.startsWith('Your feedback on ');

export interface InviteLedger {
  forms: number;
  /** email_deliveries rows of kind form-invite (one per form and link version, ever). */
  deliveries: number;
  sent: number;
  failed: number;
  /** Invitations the SMTP server received. */
  captured: number;
  distinctMessageIds: number;
  /** Captured copies beyond the first, all with the first's Message-ID: the crash-window repeats. */
  repeats: number;
  /** Every broken promise, in words; empty when nothing was lost and nothing doubled. */
  problems: string[];
}

interface FormRow {
  id: string;
  status: string;
  email: string;
  link_version: number;
  deliveries: number;
  delivery_status: string | null;
  message_id: string | null;
  recipient: string | null;
}

/**
 * Counts rows and captured mails for the invitations of `forms`: every form has exactly one
 * delivery row and at least one captured mail with that row's Message-ID, sent to its
 * interviewer; copies beyond the first carry the same Message-ID (a receiver de-duplicates them);
 * no invitation was captured that no delivery row accounts for. Forms in `refused` must instead
 * have one FAILED row, no captured mail and the FAILED status.
 */
export async function inviteLedger(
  stack: SystemStack,
  forms: SeededForm[],
  options: { refused?: Set<string>; statuses?: string[] } = {},
): Promise<InviteLedger> {
  const refused = options.refused ?? new Set<string>();
  const statuses = options.statuses ?? ['SENT'];
  const rows = await stack.query<FormRow>(
    `SELECT f.id, f.status, i.email, f.link_version,
            (SELECT count(*)::int FROM email_deliveries d WHERE d.idempotency_key LIKE 'form-invite:' || f.id || ':%') AS deliveries,
            d.status AS delivery_status, d.message_id, d.recipient
       FROM feedback_forms f
       JOIN interviewers i ON i.id = f.interviewer_id
       LEFT JOIN email_deliveries d ON d.idempotency_key = 'form-invite:' || f.id || ':' || f.link_version
      WHERE f.id = ANY($1::uuid[])`,
    [forms.map((form) => form.id)],
  );
  const [totals] = await stack.query<{ deliveries: number; sent: number; failed: number }>(
    `SELECT count(*)::int AS deliveries, count(*) FILTER (WHERE status = 'SENT')::int AS sent,
            count(*) FILTER (WHERE status = 'FAILED')::int AS failed
       FROM email_deliveries WHERE kind = 'form-invite'`,
  );
  const allMessageIds = new Set(
    (await stack.query<{ message_id: string }>(`SELECT message_id FROM email_deliveries WHERE kind = 'form-invite'`)).map(
      (row) => row.message_id,
    ),
  );
  const captured = stack.smtp.mails.filter(isFormInvite);
  const byMessageId = new Map<string, CapturedMail[]>();
  for (const mail of captured) byMessageId.set(mail.messageId, [...(byMessageId.get(mail.messageId) ?? []), mail]);

  const problems: string[] = [];
  if (rows.length !== forms.length) problems.push(`${forms.length - rows.length} forms missing from the database`);
  for (const form of rows) {
    const copies = form.message_id ? (byMessageId.get(form.message_id) ?? []) : [];
    if (form.deliveries !== 1) problems.push(`form ${form.id}: ${form.deliveries} delivery rows`);
    if (refused.has(form.id)) {
      if (form.delivery_status !== 'FAILED') problems.push(`form ${form.id}: refused, but its delivery is ${form.delivery_status}`);
      if (form.status !== 'FAILED') problems.push(`form ${form.id}: refused, but the form is ${form.status}`);
      if (copies.length > 0) problems.push(`form ${form.id}: refused, but ${copies.length} mails were captured`);
      continue;
    }
    if (!statuses.includes(form.status)) problems.push(`form ${form.id}: status ${form.status}`);
    if (form.delivery_status !== 'SENT') problems.push(`form ${form.id}: delivery ${form.delivery_status ?? 'missing'}`);
    if (form.recipient && form.recipient !== form.email) problems.push(`form ${form.id}: delivery row to ${form.recipient}`);
    if (form.message_id && copies.length === 0) problems.push(`form ${form.id}: delivery recorded, no mail captured`);
    for (const copy of copies) {
      if (copy.to.length !== 1 || copy.to[0] !== form.email) problems.push(`form ${form.id}: a copy went to ${copy.to.join(', ')}`);
    }
  }
  for (const [messageId, copies] of byMessageId) {
    if (!allMessageIds.has(messageId)) problems.push(`${copies.length} captured mail(s) with Message-ID ${messageId} and no delivery row`);
    if (new Set(copies.map((copy) => `${copy.to.join(',')}|${copy.subject}|${copy.text}`)).size > 1) {
      problems.push(`Message-ID ${messageId} was used for different mails`);
    }
  }
  return {
    forms: forms.length,
    deliveries: totals.deliveries,
    sent: totals.sent,
    failed: totals.failed,
    captured: captured.length,
    distinctMessageIds: byMessageId.size,
    repeats: captured.length - byMessageId.size,
    problems,
  };
}

/** Writes a scenario's measured figures to `.data/system/figures/<scenario>.<scale>.json` and the log. */
export function recordFigures(scenario: string, figures: Record<string, unknown>): void {
  const dir = join(__dirname, '..', '..', '..', '.data', 'system', 'figures');
  mkdirSync(dir, { recursive: true });
  const entry = { scenario, scale: SCALE, at: new Date().toISOString(), ...figures };
  writeFileSync(join(dir, `${scenario}.${SCALE}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  process.stderr.write(`[system] ${scenario} (${SCALE}): ${JSON.stringify(figures)}\n`);
}

export const seconds = (ms: number) => Math.round(ms / 100) / 10;
