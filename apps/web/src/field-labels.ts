/**
 * The API names fields by path ("input.criteria.2.label") and may mention others in its messages
 * ("must be after startsAt"). Recruiters see the labels on screen instead.
 */
const LABELS: Record<string, string> = {
  title: 'Title',
  startsAt: 'Start time',
  endsAt: 'End time',
  candidateId: 'Candidate',
  roleId: 'Role',
  interviewerIds: 'Interview panel',
  name: 'Name',
  email: 'Email',
  nextSteps: 'Next steps told to candidates',
  criteria: 'Profile',
  answerPolicy: 'When an answer is composed',
  label: 'Label',
  description: 'Description',
  kind: 'Kind',
  weight: 'Weight',
  message: 'Message',
  reason: 'Reason',
  search: 'Search',
};

/** The on-screen label for a field path, with or without the `input.` prefix. */
export function labelOf(path: string): string {
  const field = path.replace(/^input\./, '');
  const criterion = /^criteria\.(\d+)\.(\w+)$/.exec(field);
  if (criterion) return `Criterion ${Number(criterion[1]) + 1}: ${(LABELS[criterion[2]] ?? words(criterion[2])).toLowerCase()}`;
  const member = /^interviewerIds\.(\d+)$/.exec(field);
  if (member) return `Interviewer ${Number(member[1]) + 1} of the panel`;
  return LABELS[field] ?? words(field.split('.').pop() ?? field);
}

/** A message with the field names it mentions put in words: "after startsAt" → "after the start time". */
export function inWords(message: string): string {
  return message.replace(/\b[a-z]+(?:[A-Z][a-z]*)+\b/g, (name) => `the ${(LABELS[name] ?? words(name)).toLowerCase()}`);
}

function words(name: string): string {
  const spaced = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
