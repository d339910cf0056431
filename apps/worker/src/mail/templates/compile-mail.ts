import type { ReactElement } from 'react';

import { MailContent, renderMail } from './render-mail';

/** A mail whose every varying part is a string (a slot): its layout does not depend on them. */
export interface MailDraft {
  subject: string;
  body: ReactElement;
}

type Slots<K extends string> = Record<K, string>;

interface Compiled {
  keys: readonly string[];
  /** Each part split at the markers: literal, slot index, literal, … */
  subject: string[];
  html: string[];
  text: string[];
}

const MARKER = /\uE000(\d+)\uE001/;
const marker = (index: number) => `\uE000${index}\uE001`;

// a value both parts show as written: no whitespace html-to-text would fold (only single inner
// spaces), no control character (the HTML parser rewrites some), no marker, not a link form
// html-to-text rewrites (#fragment, mailto:) nor one React replaces in an href (javascript:)
const PLAIN = /^(?!#|mailto:)(?!.*javascript:)[^\s\p{Cc}\u200b\uE000\uE001]+(?: [^\s\p{Cc}\u200b\uE000\uE001]+)*$/iu;

// the five characters React escapes, as it writes them
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ENTITIES[char]);
const asWritten = (value: string) => value;

function render<K extends string>(draft: (slots: Slots<K>) => MailDraft, slots: Slots<K>): MailContent {
  const { subject, body } = draft(slots);
  return renderMail(subject, body);
}

function fill(parts: string[], values: string[], escape: (value: string) => string): string {
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) out += escape(values[Number(parts[i])]) + parts[i + 1];
  return out;
}

function fillAll(compiled: Compiled, slots: Record<string, string>): MailContent {
  const values = compiled.keys.map((key) => slots[key]);
  return {
    subject: fill(compiled.subject, values, asWritten),
    html: fill(compiled.html, values, escapeHtml),
    text: fill(compiled.text, values, asWritten),
  };
}

/** Renders once with a marker in each slot; kept only if filling it reproduces the full render of `sample`. */
function compile<K extends string>(keys: readonly K[], draft: (slots: Slots<K>) => MailDraft, sample: Slots<K>): Compiled | null {
  const markers = Object.fromEntries(keys.map((key, index) => [key, marker(index)])) as Slots<K>;
  const content = render(draft, markers);
  const compiled = { keys, subject: content.subject.split(MARKER), html: content.html.split(MARKER), text: content.text.split(MARKER) };
  const expected = render(draft, sample);
  const filled = fillAll(compiled, sample);
  return filled.subject === expected.subject && filled.html === expected.html && filled.text === expected.text ? compiled : null;
}

/**
 * A template rendered once rather than per mail (React and html-to-text are most of a mail's
 * rendering cost): the draft is rendered with a marker in each slot (`keys`), and each mail fills
 * the markers in, escaped in the HTML part as React escapes and as written in the text part. A
 * mail with a value rendering would not show as written (see PLAIN) is rendered in full, so
 * every mail is byte-identical to rendering its draft.
 */
export function compileMail<K extends string>(keys: readonly K[], draft: (slots: Slots<K>) => MailDraft): (slots: Slots<K>) => MailContent {
  let compiled: Compiled | null | undefined; // null: filling in did not reproduce the draft
  return (slots) => {
    if (!keys.every((key) => typeof slots[key] === 'string' && PLAIN.test(slots[key]))) return render(draft, slots);
    if (compiled === undefined) compiled = compile(keys, draft, slots);
    return compiled ? fillAll(compiled, slots) : render(draft, slots);
  };
}
