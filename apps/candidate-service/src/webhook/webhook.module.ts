import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { WebhookRepository } from './webhook.repository';
import { WebhookEndpointResolver } from './webhook.resolver';
import { WebhookService } from './webhook.service';

@Module({
  imports: [OrganizationModule],
  providers: [WebhookRepository, WebhookService, WebhookEndpointResolver],
})
export class WebhookModule {}
