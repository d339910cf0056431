import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { FeedbackLinkRepository } from './feedback-link.repository';
import { FeedbackLinkResolver } from './feedback-link.resolver';
import { FeedbackLinkService } from './feedback-link.service';
import { InterviewerCalibrationRepository } from './interviewer-calibration.repository';

@Module({
  imports: [OrganizationModule],
  providers: [FeedbackLinkRepository, InterviewerCalibrationRepository, FeedbackLinkService, FeedbackLinkResolver],
})
export class FeedbackLinkModule {}
