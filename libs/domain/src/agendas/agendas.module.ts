import { Module } from '@nestjs/common';
import { AgendaItemsService } from './agenda-items.service';
import { AgendaLinks } from './agenda-links';
import { AgendaReader } from './agenda-reader';
import { AgendaItemsController, AgendasController } from './agendas.controller';
import { AgendasService } from './agendas.service';

@Module({
  controllers: [AgendasController, AgendaItemsController],
  providers: [AgendasService, AgendaItemsService, AgendaReader, AgendaLinks],
  exports: [AgendaReader],
})
export class AgendasModule {}
