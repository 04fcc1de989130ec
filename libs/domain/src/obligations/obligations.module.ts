import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AgreementObligationsController, ObligationsController } from './obligations.controller';
import { ObligationsService } from './obligations.service';

@Module({
  imports: [AgreementsModule],
  controllers: [AgreementObligationsController, ObligationsController],
  providers: [ObligationsService],
})
export class ObligationsModule {}
