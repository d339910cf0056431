/** Queue and job names, and what each job carries. Job data holds ids only: Redis keeps it in clear text. */
export enum QueueName {
  Mail = 'mail',
}

export enum JobName {
  SendPortalInvite = 'send-portal-invite',
}

export interface JobPayloads {
  [JobName.SendPortalInvite]: { organizationId: string; candidateId: string; linkVersion: number };
}

export const JOB_QUEUE: { [J in JobName]: QueueName } = {
  [JobName.SendPortalInvite]: QueueName.Mail,
};

/** Events the candidate service writes to the outbox in the same transaction as the change. */
export enum OutboxEventType {
  CandidatePortalLinkSent = 'candidate.portal-link-sent',
}

export interface OutboxPayloads {
  [OutboxEventType.CandidatePortalLinkSent]: { candidateId: string; linkVersion: number };
}

export type OutboxEvent<T extends OutboxEventType = OutboxEventType> = { type: T; payload: OutboxPayloads[T] };
