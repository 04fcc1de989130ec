import { Module } from '@nestjs/common';
import {
  AgreementNonComplianceController,
  GroupNonComplianceController,
  NonComplianceController,
} from './non-compliance.controller';
import { NonComplianceService } from './non-compliance.service';

@Module({
  controllers: [AgreementNonComplianceController, GroupNonComplianceController, NonComplianceController],
  providers: [NonComplianceService],
})
export class NonComplianceModule {}
