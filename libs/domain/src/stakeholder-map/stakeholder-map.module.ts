import { Module } from '@nestjs/common';
import { StakeholderMapController } from './stakeholder-map.controller';
import { StakeholderMapService } from './stakeholder-map.service';

@Module({ controllers: [StakeholderMapController], providers: [StakeholderMapService] })
export class StakeholderMapModule {}
