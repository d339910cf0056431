import type { OrganizationEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';

import { InputValidator, TEXT_LIMITS } from '../common/input-validator';
import type { UpdateOrganizationInput } from './dto/update-organization.input';
import { OrganizationRepository, OrganizationSettings } from './organization.repository';

export const SETTINGS_LIMITS = {
  feedbackDeadlineHours: { min: 1, max: 8760 },
  minResponsesForAnswer: { min: 1, max: 50 },
  reminders: 5,
  retentionDays: { min: 1, max: 36_500 },
} as const;

@Injectable()
export class OrganizationSettingsService {
  constructor(private readonly organizations: OrganizationRepository) {}

  /**
   * Changes only the fields given (null means unchanged, except retentionDays; an empty reminder list turns reminders off)
   * and validates the combination they produce with the stored settings: every reminder must go out
   * before forms expire. A refused update changes nothing.
   */
  update(organizationId: string, input: UpdateOrganizationInput): Promise<OrganizationEntity> {
    return this.organizations.updateSettings(organizationId, (current) => {
      const v = new InputValidator();
      const changes: Partial<OrganizationSettings> = {};
      if (input.name != null) changes.name = v.line('input.name', input.name, TEXT_LIMITS.name);
      if (input.feedbackDeadlineHours != null) {
        const { min, max } = SETTINGS_LIMITS.feedbackDeadlineHours;
        changes.feedbackDeadlineHours = v.int('input.feedbackDeadlineHours', input.feedbackDeadlineHours, min, max);
      }
      if (input.minResponsesForAnswer != null) {
        const { min, max } = SETTINGS_LIMITS.minResponsesForAnswer;
        changes.minResponsesForAnswer = v.int('input.minResponsesForAnswer', input.minResponsesForAnswer, min, max);
      }
      if (input.shareScoreWithCandidates != null) {
        if (typeof input.shareScoreWithCandidates !== 'boolean') v.fail('input.shareScoreWithCandidates', 'must be true or false');
        changes.shareScoreWithCandidates = input.shareScoreWithCandidates;
      }
      if (input.reminderHours != null) changes.reminderHours = reminderHours(v, 'input.reminderHours', input.reminderHours);
      // unlike the other settings, an explicit null means something here: keep data until erased by hand
      if (input.retentionDays === null) changes.retentionDays = null;
      else if (input.retentionDays !== undefined) {
        const { min, max } = SETTINGS_LIMITS.retentionDays;
        changes.retentionDays = v.int('input.retentionDays', input.retentionDays, min, max);
      }

      if (!v.has('input.feedbackDeadlineHours') && !v.has('input.reminderHours')) {
        const deadline = changes.feedbackDeadlineHours ?? current.feedbackDeadlineHours;
        if (input.reminderHours != null) {
          input.reminderHours.forEach((hour, index) => {
            const field = `input.reminderHours.${index}`;
            if (!v.has(field) && hour >= deadline) v.fail(field, `must be less than feedbackDeadlineHours (${deadline})`);
          });
        } else if (current.reminderHours.some((hour) => hour >= deadline)) {
          v.fail('input.feedbackDeadlineHours', `must be greater than every reminder hour (${current.reminderHours.join(', ')})`);
        }
      }
      v.throwIfInvalid();
      return changes;
    });
  }
}

/** 0..5 distinct whole hours ≥ 1, stored ascending; each problem names the item. */
function reminderHours(v: InputValidator, field: string, hours: readonly number[]): number[] {
  if (hours.length > SETTINGS_LIMITS.reminders) {
    v.fail(field, `must have at most ${SETTINGS_LIMITS.reminders} reminders`);
    return [];
  }
  const seen = new Set<number>();
  hours.forEach((hour, index) => {
    v.int(`${field}.${index}`, hour, 1, SETTINGS_LIMITS.feedbackDeadlineHours.max - 1);
    if (seen.has(hour)) v.fail(`${field}.${index}`, 'must not repeat another reminder');
    seen.add(hour);
  });
  return [...hours].sort((a, b) => a - b);
}
