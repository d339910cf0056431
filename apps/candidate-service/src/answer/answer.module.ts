import { Module } from '@nestjs/common';

import { OrganizationModule } from '../organization/organization.module';
import { AnswerRepository } from './answer.repository';
import { AnswerResolver } from './answer.resolver';
import { AnswerService } from './answer.service';

@Module({
  imports: [OrganizationModule],
  providers: [AnswerRepository, AnswerService, AnswerResolver],
})
export class AnswerModule {}
