import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
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
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Endpoint({
    summary: 'Register an organisation; the caller becomes its admin',
    status: 201,
    type: OrganisationDto,
    returns: 'The caller becomes its first admin',
    errors: [409],
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(user.id, dto);
  }

  @Get()
  @Endpoint({ summary: 'Organisations, by name', type: OrganisationPageDto })
  list(@Query() q: OrganisationQuery) {
    return this.organisations.list(q);
  }

  @Get(':organisationId')
  @Endpoint({ summary: 'One organisation', type: OrganisationDto })
  get(@Param('organisationId', new UuidParam('Organisation')) id: string): Promise<OrganisationDto> {
    return this.organisations.get(id);
  }

  @Patch(':organisationId')
  @Endpoint({
    summary: "Change an organisation's profile (its admins)",
    type: OrganisationDto,
    returns: 'Admins; a new name or kind clears verified',
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) id: string,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.update(user.id, id, dto);
  }

  @Put(':organisationId/verification')
  @Endpoint({
    summary: 'Mark an organisation verified or not (platform admins)',
    type: OrganisationDto,
    returns: 'Platform administrators (ADMIN_EMAILS, verified address)',
    errors: [403],
  })
  setVerification(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) id: string,
    @Body() dto: SetVerificationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.setVerified(user.id, id, dto.verified);
  }
}
