import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';

import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { ApiKeyModel, CreatedApiKeyModel } from './api-key.model';
import { ApiKeyService } from './api-key.service';

@Resolver(() => ApiKeyModel)
@UseGuards(RecruiterGuard)
export class ApiKeyResolver {
  constructor(private readonly service: ApiKeyService) {}

  @Query(() => [ApiKeyModel], { description: 'Admins only.' })
  apiKeys(@CurrentViewer() viewer: Viewer): Promise<ApiKeyModel[]> {
    return this.service.list(viewer);
  }

  @Mutation(() => CreatedApiKeyModel, { description: 'Admins only. The key acts as a recruiter of the organization.' })
  createApiKey(@CurrentViewer() viewer: Viewer, @Args('name') name: string): Promise<CreatedApiKeyModel> {
    return this.service.create(viewer, name);
  }

  @Mutation(() => ApiKeyModel, { description: 'Admins only. The key stops working at once.' })
  revokeApiKey(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<ApiKeyModel> {
    return this.service.revoke(viewer, id);
  }
}
