import { CandidateEntity } from './candidate.entity';
import { EmailDeliveryEntity } from './email-delivery.entity';
import { OrganizationEntity } from './organization.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { UserEntity } from './user.entity';

export { CandidateEntity, EmailDeliveryEntity, OrganizationEntity, OutboxEventEntity, UserEntity };

export const ENTITIES = [OrganizationEntity, UserEntity, CandidateEntity, OutboxEventEntity, EmailDeliveryEntity];
