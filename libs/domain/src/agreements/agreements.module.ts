import { Module } from '@nestjs/common';
import { AgreementLifecycle } from './agreement-lifecycle';
import { AgreementsController, GroupAgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { AgreementClauseCatalogueController } from './catalogue/catalogue.controller';
import { AgreementExportService } from './export/agreement-export.service';
import { AgreementIndicatorsController } from './indicators/agreement-indicators.controller';
import { AgreementIndicatorsService } from './indicators/agreement-indicators.service';
import { AgreementReviewsService } from './reviews/agreement-reviews.service';
import { AgreementSignaturesService } from './versions/signatures.service';
import { AgreementVersionsController } from './versions/versions.controller';
import { AgreementVersionsService } from './versions/versions.service';

@Module({
  controllers: [
    AgreementClauseCatalogueController,
    AgreementIndicatorsController,
    GroupAgreementsController,
    AgreementsController,
    AgreementVersionsController,
  ],
  providers: [
    AgreementLifecycle,
    AgreementsService,
    AgreementVersionsService,
    AgreementSignaturesService,
    AgreementReviewsService,
    AgreementExportService,
    AgreementIndicatorsService,
  ],
  exports: [AgreementLifecycle],
})
export class AgreementsModule {}
