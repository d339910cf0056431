import type { CriterionEntity, RoleEntity } from '@closer/database';
import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import type { Loaders } from '../common/loaders';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { CurrentViewer } from '../identity/current-viewer.decorator';
import { RecruiterGuard } from '../identity/recruiter.guard';
import type { Viewer } from '../identity/viewer';
import { CreateRoleInput } from './dto/create-role.input';
import { UpdateRoleProfileInput } from './dto/update-role-profile.input';
import { CriterionModel, RoleModel } from './role.model';
import type { RoleWithCriteria } from './role.repository';
import { RoleService } from './role.service';

const toRoleModel = (role: RoleEntity): RoleModel => ({
  id: role.id,
  title: role.title,
  answerPolicy: role.answerPolicy,
  nextSteps: role.nextSteps,
  createdAt: role.createdAt,
});

const toCriterionModel = (criterion: CriterionEntity): CriterionModel => ({
  id: criterion.id,
  label: criterion.label,
  description: criterion.description,
  kind: criterion.kind,
  weight: criterion.weight,
});

@Resolver(() => RoleModel)
@UseGuards(RecruiterGuard)
export class RoleResolver {
  constructor(private readonly roleService: RoleService) {}

  @Query(() => [RoleModel])
  async roles(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: MAX_PAGE_SIZE, description: 'Newest first; at most 200.' })
    first: number | null,
  ): Promise<RoleModel[]> {
    return (await this.roleService.list(viewer.organizationId, first)).map(toRoleModel);
  }

  @Query(() => RoleModel, { nullable: true })
  async role(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<RoleModel | null> {
    const role = await this.roleService.get(viewer.organizationId, id);
    return role && toRoleModel(role);
  }

  @Mutation(() => RoleModel)
  async createRole(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: CreateRoleInput,
    @Context('loaders') loaders: Loaders,
  ): Promise<RoleModel> {
    return primed(loaders, await this.roleService.create(viewer.organizationId, input));
  }

  @Mutation(() => RoleModel)
  async updateRoleProfile(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateRoleProfileInput,
    @Context('loaders') loaders: Loaders,
  ): Promise<RoleModel> {
    return primed(loaders, await this.roleService.updateProfile(viewer.organizationId, id, input));
  }

  @ResolveField('criteria', () => [CriterionModel], { description: 'The profile of the candidate the team is looking for.' })
  async criteria(@Parent() role: RoleModel, @Context('loaders') loaders: Loaders): Promise<CriterionModel[]> {
    return (await loaders.currentCriteriaByRole.load(role.id)).map(toCriterionModel);
  }
}

/** The mutation already read the current criteria: hand them to Role.criteria instead of a stale or second read. */
function primed(loaders: Loaders, { role, criteria }: RoleWithCriteria): RoleModel {
  loaders.currentCriteriaByRole.clear(role.id).prime(role.id, criteria);
  return toRoleModel(role);
}
