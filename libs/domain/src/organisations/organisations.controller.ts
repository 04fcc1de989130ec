import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationQuery,
  SetVerificationDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @ApiCreatedResponse({ type: OrganisationDto, description: 'The caller becomes its first admin' })
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

  @Patch(':organisationId')
  @ApiOkResponse({ type: OrganisationDto, description: 'Admins; a new name or kind clears verified' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) id: string,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.update(user.id, id, dto);
  }

  @Put(':organisationId/verification')
  @ApiOkResponse({
    type: OrganisationDto,
    description: 'Platform administrators (ADMIN_EMAILS, verified address)',
  })
  setVerification(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) id: string,
    @Body() dto: SetVerificationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.setVerified(user.id, id, dto.verified);
  }
}
