import { AnswerStatus, CandidateAnswerEntity, writeOutbox } from '@closer/database';
import { OutboxEventType, outboxMessage } from '@closer/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, type QueryDeepPartialEntity } from 'typeorm';

@Injectable()
export class AnswerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findInOrganization(organizationId: string, id: string): Promise<CandidateAnswerEntity | null> {
    return this.dataSource.getRepository(CandidateAnswerEntity).findOneBy({ organizationId, id });
  }

  /**
   * AWAITING_REVIEW → RELEASED as one conditional update, announced in the same transaction:
   * of two concurrent releases exactly one matches the row. Null when nothing matched.
   */
  release(organizationId: string, id: string, releasedBy: string, message: string | null): Promise<CandidateAnswerEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const sessionId = await this.transition(manager, organizationId, id, ['AWAITING_REVIEW'], {
        status: 'RELEASED',
        releasedAt: () => 'now()',
        releasedBy,
        ...(message === null ? {} : { message }),
      });
      if (sessionId === null) return null;
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.AnswerReleased, { sessionId, answerId: id })]);
      return manager.findOneByOrFail(CandidateAnswerEntity, { id });
    });
  }

  /** AWAITING_REVIEW or WAITING_FOR_FEEDBACK → WITHHELD, announced in the same transaction; null when nothing matched. */
  withhold(organizationId: string, id: string, reason: string): Promise<CandidateAnswerEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const sessionId = await this.transition(manager, organizationId, id, ['AWAITING_REVIEW', 'WAITING_FOR_FEEDBACK'], {
        status: 'WITHHELD',
        withheldReason: reason,
      });
      if (sessionId === null) return null;
      await writeOutbox(manager, [outboxMessage(organizationId, OutboxEventType.AnswerWithheld, { sessionId, answerId: id })]);
      return manager.findOneByOrFail(CandidateAnswerEntity, { id });
    });
  }

  /** Returns the answer's session id when the row was in one of `from` and got updated. */
  private async transition(
    manager: EntityManager,
    organizationId: string,
    id: string,
    from: AnswerStatus[],
    set: QueryDeepPartialEntity<CandidateAnswerEntity>,
  ): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .update(CandidateAnswerEntity)
      .set(set)
      .where('id = :id AND organization_id = :organizationId AND status IN (:...from)', { id, organizationId, from })
      .returning('session_id')
      .execute();
    const row = (result.raw as { session_id: string }[])[0];
    return row ? row.session_id : null;
  }
}
