import { Module } from '@nestjs/common';
import { ContributionsController } from './contributions/contributions.controller';
import { ContributionsService } from './contributions/contributions.service';
import {
  EquipmentRequestController,
  GroupEquipmentRequestsController,
} from './equipment/equipment.controller';
import { EquipmentRequestsService } from './equipment/equipment.service';
import { AgreementImplementationsController, AgreementImplementationsService } from './implementations';
import {
  AssignedForcesController,
  GroupTrainingController,
  TrainingProgrammeController,
  TrainingTopicsCatalogueController,
} from './training/training.controller';
import { TrainingService } from './training/training.service';

// Engagement with public security (DESIGN.md): training, equipment requests, contributions.
@Module({
  controllers: [
    TrainingTopicsCatalogueController,
    GroupTrainingController,
    TrainingProgrammeController,
    AssignedForcesController,
    GroupEquipmentRequestsController,
    EquipmentRequestController,
    ContributionsController,
    AgreementImplementationsController,
  ],
  providers: [
    TrainingService,
    EquipmentRequestsService,
    ContributionsService,
    AgreementImplementationsService,
  ],
})
export class EngagementModule {}
