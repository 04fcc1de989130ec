import { Module } from '@nestjs/common';
import { AgendasModule } from '../agendas/agendas.module';
import { GroupMinutesService } from './group-minutes.service';
import { GroupMinutesController, MinutesController } from './minutes.controller';
import { MinutesExporter } from './minutes-exporter';
import { MinutesReader } from './minutes-reader';
import { MinutesRecords } from './minutes-record';
import { MinutesService } from './minutes.service';

@Module({
  imports: [AgendasModule],
  controllers: [MinutesController, GroupMinutesController],
  providers: [GroupMinutesService, MinutesService, MinutesReader, MinutesRecords, MinutesExporter],
})
export class MinutesModule {}
