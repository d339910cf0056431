import { readdirSync } from 'node:fs';

import { EVERYDAY_WORDS, sampleMails, SampleWords } from '../../../test/mail-samples';

// every template, as the file names in this folder say (a new template fails here until it has a sample)
const TEMPLATES = readdirSync(__dirname)
  .filter((name) => name.endsWith('.template.tsx'))
  .map((name) => name.replace('.template.tsx', ''))
  .sort();

const HOSTILE = `<script>alert("x")</script> & O'Brien`;
const HOSTILE_WORDS: SampleWords = {
  recruiter: `${HOSTILE} recruiter`,
  interviewer: `${HOSTILE} interviewer`,
  candidate: `${HOSTILE} candidate`,
  organization: `${HOSTILE} organization`,
  role: `${HOSTILE} role`,
  session: `${HOSTILE} session`,
  criterion: `${HOSTILE} criterion`,
  reply: `${HOSTILE} reply`,
  flag: `${HOSTILE} flag`,
  link: `https://closer.example/f/t?a=1&b="><script>alert(1)</script>`,
};

/** The words each template shows, written out here rather than read from the templates. */
const SHOWS: Record<string, (keyof SampleWords)[]> = {
  'answer-late': ['recruiter', 'candidate', 'role', 'session', 'organization', 'link'],
  'answer-ready': ['candidate', 'organization', 'role', 'link'],
  'candidate-reply': ['recruiter', 'candidate', 'role', 'session', 'organization', 'reply', 'flag', 'link'],
  escalation: ['recruiter', 'interviewer', 'candidate', 'role', 'session', 'organization', 'link'],
  'form-invite': ['interviewer', 'candidate', 'role', 'session', 'organization', 'criterion', 'link'],
  'form-reminder': ['interviewer', 'candidate', 'role', 'session', 'organization', 'link'],
  'no-answer-note': ['candidate', 'organization', 'role'],
  'portal-invite': ['candidate', 'organization', 'link'],
  'session-cancelled': ['candidate', 'organization', 'role'],
  'session-rescheduled': ['candidate', 'organization'],
};

/** HTML's five special characters as entities, the way React writes them. */
const escaped = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

describe('mail templates', () => {
  const everyday = sampleMails(EVERYDAY_WORDS);
  const hostile = sampleMails(HOSTILE_WORDS);

  it('has a sample and a list of shown words for every template', () => {
    expect(TEMPLATES).toHaveLength(10);
    expect(Object.keys(everyday).sort()).toEqual(TEMPLATES);
    expect(Object.keys(SHOWS).sort()).toEqual(TEMPLATES);
  });

  describe.each(TEMPLATES)('%s', (template) => {
    it('renders the HTML part as recorded', () => {
      // one tag per line, so that a change reads as a diff
      expect(everyday[template].html.replaceAll('><', '>\n<')).toMatchSnapshot();
    });

    it('renders the text part as recorded', () => {
      expect(everyday[template].text).toMatchSnapshot();
    });

    it('shows every word a person typed escaped in the HTML part and verbatim in the text part', () => {
      const mail = hostile[template];
      const shown = SHOWS[template].map((word) => HOSTILE_WORDS[word]);
      expect(shown.filter((value) => !mail.html.includes(escaped(value)))).toEqual([]);
      expect(shown.filter((value) => !mail.text.includes(value))).toEqual([]);
      expect(mail.html).not.toMatch(/<script|O'Brien/);
    });
  });

  it('puts the link in an href, escaped, and alone on its line in the text part', () => {
    const mail = everyday['form-invite'];
    expect(mail.html).toContain(`href="${escaped(EVERYDAY_WORDS.link)}"`);
    expect(mail.text).toContain(`Open your feedback form ${EVERYDAY_WORDS.link}\n`);
  });

  it('quotes each line of a reply on its own line in the text part', () => {
    expect(everyday['candidate-reply'].text).toContain('> Thank you for the candid answer.\n> I will work on the gaps you named.\n');
  });
});
