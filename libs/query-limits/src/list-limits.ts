/**
 * How long a list can get. The subgraph enforces these; the query cost prices every list at them,
 * so both apps read them from here.
 */
export const LIST_LIMITS = {
  /** A page (`first`) holds at most this many rows; lists without a `first` are priced at it. */
  pageSize: 200,
  /** A role's profile has 1–30 criteria. */
  criteriaPerRole: 30,
  /** A session's panel has 1–20 interviewers. */
  interviewersPerSession: 20,
  /** `apiKeys` lists an organization's newest keys, revoked ones included. */
  apiKeys: 100,
  /** An organization has at most this many webhook endpoints. */
  webhookEndpoints: 20,
} as const;
