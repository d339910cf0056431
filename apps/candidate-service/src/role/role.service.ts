import type { AnswerPolicy, RoleEntity } from '@closer/database';
import { CRITERION_KINDS } from '@closer/domain';
import { LIST_LIMITS } from '@closer/query-limits';
import { Injectable } from '@nestjs/common';

import { InputValidator, isUuid, TEXT_LIMITS } from '../common/input-validator';
import { MAX_PAGE_SIZE, pageSize } from '../common/pagination';
import { DomainError } from '../errors/domain-error';
import type { CreateRoleInput } from './dto/create-role.input';
import type { CriterionInput } from './dto/criterion.input';
import type { UpdateRoleProfileInput } from './dto/update-role-profile.input';
import { RoleRepository, RoleValues, RoleWithCriteria } from './role.repository';
import { CriterionValues, labelKey, planProfile } from './role-profile';

export const MAX_CRITERIA = LIST_LIMITS.criteriaPerRole;
const ANSWER_POLICIES: readonly AnswerPolicy[] = ['AUTO_RELEASE', 'RECRUITER_REVIEW'];

@Injectable()
export class RoleService {
  constructor(private readonly roles: RoleRepository) {}

  /** Newest first, at most `first` (a page: 0 to 200; null means 200). */
  list(organizationId: string, first: number | null): Promise<RoleEntity[]> {
    return this.roles.listForOrganization(organizationId, pageSize('first', first, MAX_PAGE_SIZE));
  }

  /** Another organization's role and a malformed id look exactly like a missing one. */
  async get(organizationId: string, id: string): Promise<RoleEntity | null> {
    if (!isUuid(id)) return null;
    return this.roles.findInOrganization(organizationId, id);
  }

  create(organizationId: string, input: CreateRoleInput): Promise<RoleWithCriteria> {
    const v = new InputValidator();
    const values: RoleValues = {
      title: v.line('input.title', input.title, TEXT_LIMITS.title),
      answerPolicy: input.answerPolicy == null ? 'AUTO_RELEASE' : answerPolicy(v, 'input.answerPolicy', input.answerPolicy),
      nextSteps: v.optionalText('input.nextSteps', input.nextSteps, TEXT_LIMITS.nextSteps),
    };
    const criteria = profile(v, 'input.criteria', input.criteria);
    v.throwIfInvalid();
    return this.roles.create(organizationId, values, criteria);
  }

  /**
   * Changes only the fields given. A given `criteria` list replaces the profile: criteria matched
   * by label keep their ids, the others are retired, new labels are added. A null title, policy or
   * criteria list means "unchanged" (none of them can be empty); a null or blank nextSteps clears it.
   */
  async updateProfile(organizationId: string, id: string, input: UpdateRoleProfileInput): Promise<RoleWithCriteria> {
    if (!isUuid(id)) throw DomainError.notFound('Role');
    const v = new InputValidator();
    const changes: Partial<RoleValues> = {};
    if (input.title != null) changes.title = v.line('input.title', input.title, TEXT_LIMITS.title);
    if (input.answerPolicy != null) changes.answerPolicy = answerPolicy(v, 'input.answerPolicy', input.answerPolicy);
    if (input.nextSteps !== undefined) changes.nextSteps = v.optionalText('input.nextSteps', input.nextSteps, TEXT_LIMITS.nextSteps);
    const criteria = input.criteria == null ? null : profile(v, 'input.criteria', input.criteria);
    v.throwIfInvalid();
    const updated = await this.roles.update(organizationId, id, changes, criteria && ((current) => planProfile(current, criteria)));
    if (!updated) throw DomainError.notFound('Role');
    return updated;
  }
}

function answerPolicy(v: InputValidator, field: string, value: unknown): AnswerPolicy {
  if (!ANSWER_POLICIES.includes(value as AnswerPolicy)) v.fail(field, `must be one of ${ANSWER_POLICIES.join(', ')}`);
  return value as AnswerPolicy;
}

/** 1..MAX_CRITERIA criteria with labels unique case-insensitively; the duplicate's label is named. */
function profile(v: InputValidator, field: string, items: readonly CriterionInput[] | null | undefined): CriterionValues[] {
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_CRITERIA) {
    v.fail(field, `must have 1 to ${MAX_CRITERIA} criteria`);
    return [];
  }
  const labels = new Set<string>();
  // Array.isArray narrows a readonly array to any[]: name the element type again
  return items.map((item: CriterionInput, index) => {
    const at = `${field}.${index}`;
    const label = v.line(`${at}.label`, item.label, TEXT_LIMITS.label);
    if (label) {
      if (labels.has(labelKey(label))) v.fail(`${at}.label`, 'must be unique within the role (letter case is ignored)');
      labels.add(labelKey(label));
    }
    if (!CRITERION_KINDS.includes(item.kind)) v.fail(`${at}.kind`, `must be one of ${CRITERION_KINDS.join(', ')}`);
    return {
      label,
      description: v.optionalText(`${at}.description`, item.description, TEXT_LIMITS.description),
      kind: item.kind,
      weight: v.int(`${at}.weight`, item.weight, 1, 5),
    };
  });
}
