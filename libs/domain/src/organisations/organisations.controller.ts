import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationQuery,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @ApiCreatedResponse({ type: OrganisationDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(user.id, dto);
  }

  @Get()
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@Query() q: OrganisationQuery) {
    return this.organisations.list(q);
  }

  @Get(':organisationId')
  @ApiOkResponse({ type: OrganisationDto })
  get(@Param('organisationId', new UuidParam('Organisation')) id: string): Promise<OrganisationDto> {
    return this.organisations.get(id);
  }
}
