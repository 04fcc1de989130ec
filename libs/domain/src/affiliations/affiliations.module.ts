import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import {
  AffiliationsController,
  MyAffiliationsController,
  OrganisationAffiliationsController,
} from './affiliations.controller';
import { AffiliationsService } from './affiliations.service';
import { OrganisationDomainsService } from './organisation-domains.service';

@Module({
  imports: [MembersModule],
  controllers: [OrganisationAffiliationsController, AffiliationsController, MyAffiliationsController],
  providers: [AffiliationsService, OrganisationDomainsService],
  exports: [AffiliationsService],
})
export class AffiliationsModule {}
