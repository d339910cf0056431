// The demo organisation `npm start` seeds: one role and its profile, a panel, three candidates
// and what the panel answers.
export const DEMO_CANDIDATES = [
  { name: 'Ada Lovelace', email: 'ada.lovelace@example.com' },
  { name: 'Alan Turing', email: 'alan.turing@example.com' },
  { name: 'Grace Hopper', email: 'grace.hopper@example.com' },
];

export const DEMO_INTERVIEWERS = [
  { name: 'Iris Chen', email: 'iris.chen@demo.closer.local' },
  { name: 'Marek Nowak', email: 'marek.nowak@demo.closer.local' },
  { name: 'Sofia Reyes', email: 'sofia.reyes@demo.closer.local' },
];

export const DEMO_ROLE = {
  title: 'Senior Backend Engineer',
  answerPolicy: 'AUTO_RELEASE',
  nextSteps: 'We will get back to you within a week about a final conversation with the team lead.',
  criteria: [
    { label: 'Distributed systems design', kind: 'SKILL', weight: 5, description: 'Designs services that stay correct under failure.' },
    { label: 'TypeScript and Node.js', kind: 'SKILL', weight: 4 },
    { label: 'Production on-call experience', kind: 'EXPERIENCE', weight: 3 },
    { label: 'Clear written communication', kind: 'QUALITY', weight: 2 },
  ],
};

export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** What two demo interviewers answer: ratings per criterion (null = not assessed) and texts. */
export const DEMO_FEEDBACK = [
  {
    overallFit: 'GOOD_FIT',
    ratings: [4, 3, 2, null],
    strengths: 'Reasoned clearly about failure modes and retries.',
    gaps: 'We did not see much on-call experience yet.',
    candidateMessage: 'You explained your design choices clearly and calmly.',
  },
  {
    overallFit: 'STRONG_FIT',
    ratings: [4, 4, 2, 3],
    strengths: 'Strong TypeScript; wrote tests first.',
    gaps: 'Limited production incident experience.',
    candidateMessage: 'Great collaboration during the pairing exercise.',
  },
  {
    overallFit: 'PARTIAL_FIT',
    ratings: [3, 3, 1, 3],
    strengths: 'Good communication.',
    gaps: 'Has not run services in production.',
    candidateMessage: null,
  },
];
