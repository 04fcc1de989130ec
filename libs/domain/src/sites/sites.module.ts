import { Module } from '@nestjs/common';
import { GroupSitesController, SitesController } from './sites.controller';
import { SitesService } from './sites.service';

@Module({
  controllers: [GroupSitesController, SitesController],
  providers: [SitesService],
})
export class SitesModule {}
