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

const VALUES: View[] = [
  { name: 'Ada Lovelace', note: 'Final round', link: 'https://closer.example/f/abc?x=1&y=2' },
  { name: `<script>alert("x")</script> & O'Brien`, note: '&amp; &lt;b&gt;', link: 'https://closer.example/f/t?a=1&b="><b>' },
  { name: 'Grace  Hopper', note: ' leading', link: 'https://closer.example/f/x' },
  { name: 'line\nbreak', note: 'tab\there', link: '#fragment' },
  { name: '', note: 'x', link: 'mailto:ada@example.test' },
  { name: 'marker \uE0000\uE001', note: 'zero\u200bwidth', link: 'https://closer.example/f/y' },
  { name: 'Ünïcødé — “quoted”', note: 'trailing ', link: 'HTTPS://CLOSER.EXAMPLE/F/Z' },
  { name: 'Ada', note: 'script', link: 'javascript:alert(1)' },
  { name: 'nul\u0000char', note: 'bell\u0007', link: '\u0001JavaScript:alert(1)' },
];

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
    compiled(VALUES[0]!);
    compiled(VALUES[1]!);
    compiled({ name: 'Alan Turing', note: 'Second round', link: 'https://closer.example/f/def' });
    expect(drafts).toBe(2);
    // whitespace html-to-text folds: rendered in full
    compiled(VALUES[2]!);
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
