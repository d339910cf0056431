import { CandidateEntity, OrganizationEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A candidate with what the mails about their portal say. */
export interface CandidateMail {
  id: string;
  name: string;
  email: string;
  erased: boolean;
  portalLinkVersion: number;
  organizationName: string;
}

/** The reads of the mails addressed to a candidate about their portal. */
@Injectable()
export class CandidateMailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(organizationId: string, candidateId: string): Promise<CandidateMail | undefined> {
    const candidate = await this.dataSource.getRepository(CandidateEntity).findOneBy({ id: candidateId, organizationId });
    if (!candidate) return undefined;
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: organizationId });
    return {
      id: candidate.id,
      name: candidate.name,
      email: candidate.email,
      erased: Boolean(candidate.erasedAt),
      portalLinkVersion: candidate.portalLinkVersion,
      organizationName: organization.name,
    };
  }
}
