/** The API's limits on what recruiters type (README, "API behaviour"): the forms count to them. */
export const LIMITS = {
  name: 200,
  email: 254,
  title: 200,
  criterionLabel: 120,
  description: 1_000,
  nextSteps: 2_000,
  message: 5_000,
} as const;
