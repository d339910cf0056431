import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyResolver } from './api-key.resolver';
import { ApiKeyService } from './api-key.service';
import { ApiKeyLookupController } from './api-key-lookup.controller';

@Module({
  imports: [OrganizationModule],
  controllers: [ApiKeyLookupController],
  providers: [ApiKeyRepository, ApiKeyService, ApiKeyResolver],
})
export class ApiKeyModule {}
