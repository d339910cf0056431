import { createElement } from 'react';

import { compileMail, MailDraft } from './compile-mail';
import { renderMail } from './render-mail';

type View = Record<'name' | 'note' | 'link', string>;

// a layout with text, an attribute and a link, in the same components' shapes as the templates
const draft = (view: View): MailDraft => ({
  subject: `About ${view.name}`,
  body: createElement(
    'html',
    null,
    createElement(
      'body',
      null,
      createElement('p', null, 'Hello ', view.name, ','),
      createElement('p', { title: view.note }, view.note, ' (', view.name, ').'),
      createElement('p', null, createElement('a', { href: view.link }, 'Open it')),
    ),
  ),
});

const fullRender = (view: View) => {
  const { subject, body } = draft(view);
  return renderMail(subject, body);
};

// [name, note, link]: plain values, hostile ones, and each kind the full render must take over
const VALUES: View[] = (
  [
    ['Ada Lovelace', 'Final round', 'https://closer.example/f/abc?x=1&y=2'],
    [`<script>alert("x")</script> & O'Brien`, '&amp; &lt;b&gt;', 'https://closer.example/f/t?a=1&b="><b>'],
    ['Grace  Hopper', ' leading', 'https://closer.example/f/x'],
    ['line\nbreak', 'tab\there', '#fragment'],
    ['', 'x', 'mailto:ada@example.test'],
    ['marker \uE0000\uE001', 'zero\u200bwidth', 'https://closer.example/f/y'],
    ['Ünïcødé — “quoted”', 'trailing ', 'HTTPS://CLOSER.EXAMPLE/F/Z'],
    ['Ada', 'script', 'javascript:alert(1)'],
    ['nul\u0000char', 'bell\u0007', '\u0001JavaScript:alert(1)'],
  ] as const
).map(([name, note, link]) => ({ name, note, link }));

describe(compileMail.name, () => {
  it('gives every mail byte for byte what rendering its draft gives', () => {
    const compiled = compileMail(['name', 'note', 'link'], draft);
    for (const view of VALUES) expect(compiled(view)).toEqual(fullRender(view));
  });

  it('renders the draft once for its markers and once to check them, then only fills it in', () => {
    let drafts = 0;
    const compiled = compileMail(['name', 'note', 'link'], (view: View) => {
      drafts += 1;
      return draft(view);
    });
    compiled(VALUES[0]);
    compiled(VALUES[1]);
    compiled({ name: 'Alan Turing', note: 'Second round', link: 'https://closer.example/f/def' });
    expect(drafts).toBe(2);
    // whitespace html-to-text folds: rendered in full
    compiled(VALUES[2]);
    expect(drafts).toBe(3);
  });

  it('renders every mail in full when filling in does not reproduce the draft', () => {
    let drafts = 0;
    // html-to-text writes headings in capitals: a slot there cannot be filled in as written
    const compiled = compileMail(['name', 'note', 'link'], (view: View) => {
      drafts += 1;
      return { subject: view.name, body: createElement('h1', null, view.name) };
    });
    const view = { name: 'Ada', note: 'n', link: 'l' };
    expect(compiled(view).text).toBe('ADA');
    expect(compiled(view).text).toBe('ADA');
    expect(drafts).toBe(4);
  });
});
