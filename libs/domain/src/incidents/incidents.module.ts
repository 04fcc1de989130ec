import { Module } from '@nestjs/common';
import { IncidentUpdatesService } from './incident-updates.service';
import { GroupIncidentsController, IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

@Module({
  controllers: [GroupIncidentsController, IncidentsController],
  providers: [IncidentsService, IncidentUpdatesService],
  exports: [IncidentsService],
})
export class IncidentsModule {}
