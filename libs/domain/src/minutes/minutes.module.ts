import { Module } from '@nestjs/common';
import { AgendasModule } from '../agendas/agendas.module';
import { MinutesController } from './minutes.controller';
import { MinutesExporter } from './minutes-exporter';
import { MinutesReader } from './minutes-reader';
import { MinutesService } from './minutes.service';

@Module({
  imports: [AgendasModule],
  controllers: [MinutesController],
  providers: [MinutesService, MinutesReader, MinutesExporter],
})
export class MinutesModule {}
