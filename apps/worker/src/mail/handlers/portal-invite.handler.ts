import { CloserConfig } from '@closer/config';
import { createLinkToken } from '@closer/domain';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';

import { CandidateMailRepository } from '../candidate-mail.repository';
import { MailSender, SendOutcome } from '../mail-sender.service';
import { portalInviteMail } from '../templates/portal-invite.template';

export type PortalInviteOutcome = SendOutcome | 'superseded' | 'candidate-gone';

@Injectable()
export class PortalInviteHandler {
  constructor(
    private readonly candidates: CandidateMailRepository,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
  ) {}

  async handleSendPortalInvite(payload: JobPayloads[JobName.SendPortalInvite]): Promise<PortalInviteOutcome> {
    const candidate = await this.candidates.find(payload.organizationId, payload.candidateId);
    if (!candidate || candidate.erased) return 'candidate-gone';
    // a newer link was sent meanwhile: its own job mails it, this one would be a dead link
    if (candidate.portalLinkVersion !== payload.linkVersion) return 'superseded';
    const token = createLinkToken(this.config.links.secret, { purpose: 'portal', id: candidate.id, version: payload.linkVersion });
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: `portal-invite:${candidate.id}:${payload.linkVersion}`,
      kind: 'portal-invite',
      to: candidate.email,
      candidateId: candidate.id,
      ...portalInviteMail({
        candidateName: candidate.name,
        organizationName: candidate.organizationName,
        link: `${this.config.publicUrl}/c/${token}`,
      }),
    });
  }
}
