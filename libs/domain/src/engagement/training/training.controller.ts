import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import {
  AssignedForceDto,
  AssignedForceListDto,
  CreateTrainingProgrammeDto,
  CreateTrainingSessionDto,
  PutAssignedForcesDto,
  TrainingCatalogueDto,
  TrainingCatalogueQuery,
  TrainingProgrammeDto,
  TrainingProgrammePageDto,
  TrainingProgrammeQuery,
  TrainingSessionDto,
} from '../dto/training.dto';
import {
  LATEST_TRAINING_EDITION,
  TRAINING_CATALOGUE_EDITIONS,
  TRAINING_EDITION_TITLES,
  TrainingCatalogueEdition,
  trainingTopics,
} from './training-topics.catalogue';
import { TrainingService } from './training.service';

@ApiTags('training')
@Controller('catalogue/training-topics')
export class TrainingTopicsCatalogueController {
  @Get()
  @Endpoint({
    summary: 'The minimum training topics of the toolkit, per edition, in English, French or Swahili',
    type: TrainingCatalogueDto,
  })
  list(@Query() q: TrainingCatalogueQuery): TrainingCatalogueDto {
    const locale = q.locale ?? 'en';
    const edition = q.edition ?? LATEST_TRAINING_EDITION;
    const view = (key: TrainingCatalogueEdition) => ({
      key,
      title: TRAINING_EDITION_TITLES[key][locale],
      latest: key === LATEST_TRAINING_EDITION,
    });
    return {
      edition: view(edition),
      editions: TRAINING_CATALOGUE_EDITIONS.map(view),
      locale,
      items: trainingTopics(edition, locale),
    };
  }
}

@ApiTags('training')
@Controller('groups/:groupId/training-programmes')
export class GroupTrainingController {
  constructor(private readonly training: TrainingService) {}

  @Post()
  @Endpoint({
    summary: 'Set up a training programme for a public security agency (members, not observers)',
    status: 201,
    type: TrainingProgrammeDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateTrainingProgrammeDto,
  ) {
    return this.training.createProgramme(user.id, groupId, dto);
  }

  @Get()
  @Endpoint({
    summary: 'Training programmes of the group with their coverage, oldest first',
    type: TrainingProgrammePageDto,
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: TrainingProgrammeQuery,
  ) {
    return this.training.list(user.id, groupId, q);
  }
}

@ApiTags('training')
@Controller('training-programmes/:programmeId')
export class TrainingProgrammeController {
  constructor(private readonly training: TrainingService) {}

  @Get()
  @Endpoint({
    summary: 'A training programme with its sessions and coverage',
    type: TrainingProgrammeDto,
  })
  get(@CurrentUser() user: AuthUser, @Param('programmeId', new UuidParam('Training programme')) id: string) {
    return this.training.get(user.id, id);
  }

  @Post('sessions')
  @Endpoint({
    summary: 'Record a training session: trainee counts (never names) and test averages',
    status: 201,
    type: TrainingSessionDto,
    errors: [403, 409],
  })
  session(
    @CurrentUser() user: AuthUser,
    @Param('programmeId', new UuidParam('Training programme')) id: string,
    @Body() dto: CreateTrainingSessionDto,
  ) {
    return this.training.recordSession(user.id, id, dto);
  }
}

@ApiTags('training')
@Controller('sites/:siteId/assigned-forces')
export class AssignedForcesController {
  constructor(private readonly training: TrainingService) {}

  @Put()
  @Endpoint({
    summary: 'Record the headcount of an agency at a site and its last rotation (operator, agency, focal point, co-chairs)',
    type: AssignedForceDto,
    errors: [403, 409],
  })
  put(
    @CurrentUser() user: AuthUser,
    @Param('siteId', new UuidParam('Site')) siteId: string,
    @Body() dto: PutAssignedForcesDto,
  ) {
    return this.training.putForces(user.id, siteId, dto);
  }

  @Get()
  @Endpoint({
    summary: 'Forces assigned to the site, per agency, with their rotations',
    type: AssignedForceListDto,
  })
  list(@CurrentUser() user: AuthUser, @Param('siteId', new UuidParam('Site')) siteId: string) {
    return this.training.listForces(user.id, siteId);
  }
}
