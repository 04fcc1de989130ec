import { Module } from '@nestjs/common';
import { AgendasModule } from '../agendas/agendas.module';
import { MinutesController } from './minutes.controller';
import { MinutesExporter } from './minutes-exporter';
import { MinutesReader } from './minutes-reader';
import { MinutesRecords } from './minutes-record';
import { MinutesService } from './minutes.service';

@Module({
  imports: [AgendasModule],
  controllers: [MinutesController],
  providers: [MinutesService, MinutesReader, MinutesRecords, MinutesExporter],
})
export class MinutesModule {}
