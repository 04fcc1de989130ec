import { Module } from '@nestjs/common';
import { CoChairsController } from './co-chairs.controller';
import { CoChairsService } from './co-chairs.service';

@Module({ controllers: [CoChairsController], providers: [CoChairsService], exports: [CoChairsService] })
export class CoChairsModule {}
