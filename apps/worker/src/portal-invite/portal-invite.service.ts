import { CloserConfig } from '@closer/config';
import { CandidateEntity, OrganizationEntity } from '@closer/database';
import { createLinkToken } from '@closer/domain';
import { JobName, JobPayloads } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { MailSender, SendOutcome } from '../mail/mail-sender.service';
import { portalInviteMail } from '../mail/templates/portal-invite.template';

export type PortalInviteOutcome = SendOutcome | 'superseded' | 'candidate-gone';

@Injectable()
export class PortalInviteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailSender,
    private readonly config: CloserConfig,
  ) {}

  async handleSendPortalInvite(payload: JobPayloads[JobName.SendPortalInvite]): Promise<PortalInviteOutcome> {
    const candidate = await this.dataSource
      .getRepository(CandidateEntity)
      .findOneBy({ id: payload.candidateId, organizationId: payload.organizationId });
    if (!candidate || candidate.erasedAt) return 'candidate-gone';
    // a newer link was sent meanwhile: its own job mails it, this one would be a dead link
    if (candidate.portalLinkVersion !== payload.linkVersion) return 'superseded';
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: payload.organizationId });
    const token = createLinkToken(this.config.links.secret, { purpose: 'portal', id: candidate.id, version: payload.linkVersion });
    const content = portalInviteMail({
      candidateName: candidate.name,
      organizationName: organization.name,
      link: `${this.config.publicUrl}/c/${token}`,
    });
    return this.mail.send({
      organizationId: payload.organizationId,
      idempotencyKey: `portal-invite:${candidate.id}:${payload.linkVersion}`,
      kind: 'portal-invite',
      to: candidate.email,
      candidateId: candidate.id,
      ...content,
    });
  }
}
