/** Form statuses still waiting for the interviewer. */
export const OPEN_FORM_STATUSES = ['PENDING', 'SENT', 'OPENED'] as const;

/** Answers that are decided are not late: released, or withheld (the portal then says so). */
export const DECIDED_ANSWER_STATUSES = ['RELEASED', 'WITHHELD'] as const;
