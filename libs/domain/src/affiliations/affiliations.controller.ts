import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import { MemberDto, RejectMembershipDto } from '../members/dto/member.dto';
import { MembersService } from '../members/members.service';
import { AffiliationsService } from './affiliations.service';
import {
  AddDomainDto,
  AffiliationDto,
  AffiliationPageDto,
  AffiliationQuery,
  ApproveAffiliationDto,
  EndAffiliationQuery,
  InviteAffiliationDto,
  OrganisationDomainDto,
  OrganisationDomainListDto,
  OrganisationMembershipPageDto,
  OrganisationMembershipQuery,
  ReasonDto,
  RequestAffiliationDto,
  UpdateAffiliationDto,
} from './dto/affiliation.dto';
import { OrganisationDomainsService } from './organisation-domains.service';

// An organisation's people, memberships and domains — for its admins (403 otherwise).
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:organisationId')
export class OrganisationAffiliationsController {
  constructor(
    private readonly affiliations: AffiliationsService,
    private readonly members: MembersService,
    private readonly domains: OrganisationDomainsService,
  ) {}

  @Get('affiliations')
  @ApiOkResponse({ type: AffiliationPageDto, description: 'Admins: every affiliation with its memberships' })
  list(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Query() q: AffiliationQuery,
  ) {
    return this.affiliations.listForOrganisation(user.id, organisationId, q);
  }

  @Post('affiliations')
  @ApiCreatedResponse({
    type: AffiliationDto,
    description: 'An invitation the person accepts (e-mailed when they have no account)',
  })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Body() dto: InviteAffiliationDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.invite(user.id, organisationId, dto);
  }

  @Post('affiliation-requests')
  @ApiCreatedResponse({
    type: AffiliationDto,
    description:
      "status requested, or active at once when the organisation lists the caller's verified e-mail domain",
  })
  request(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Body() dto: RequestAffiliationDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.request(user.id, organisationId, dto);
  }

  @Get('memberships')
  @ApiOkResponse({
    type: OrganisationMembershipPageDto,
    description: "Admins: group memberships in the organisation's name",
  })
  memberships(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Query() q: OrganisationMembershipQuery,
  ) {
    return this.affiliations.listMemberships(user.id, organisationId, q);
  }

  @Post('memberships/:membershipId/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: MemberDto, description: 'A pending_organisation membership becomes an invitation' })
  approveMembership(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Param('membershipId', new UuidParam('Membership')) membershipId: string,
  ): Promise<MemberDto> {
    return this.members.approveForOrganisation(user.id, organisationId, membershipId);
  }

  @Post('memberships/:membershipId/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: MemberDto, description: 'A pending_organisation membership ends' })
  rejectMembership(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Param('membershipId', new UuidParam('Membership')) membershipId: string,
    @Body() dto: RejectMembershipDto,
  ): Promise<MemberDto> {
    return this.members.rejectForOrganisation(user.id, organisationId, membershipId, dto.reason);
  }

  @Get('domains')
  @ApiOkResponse({ type: OrganisationDomainListDto })
  listDomains(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
  ): Promise<OrganisationDomainListDto> {
    return this.domains.list(user.id, organisationId);
  }

  @Post('domains')
  @ApiCreatedResponse({ type: OrganisationDomainDto })
  addDomain(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Body() dto: AddDomainDto,
  ): Promise<OrganisationDomainDto> {
    return this.domains.add(user.id, organisationId, dto.domain);
  }

  @Delete('domains/:domain')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeDomain(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Param('domain') domain: string,
  ): Promise<void> {
    await this.domains.remove(user.id, organisationId, domain);
  }
}

// One affiliation, decided by an admin of its organisation (ended also by the person).
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('affiliations/:affiliationId')
export class AffiliationsController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Post('approve')
  @HttpCode(200)
  @ApiOkResponse({ type: AffiliationDto })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Affiliation')) id: string,
    @Body() dto: ApproveAffiliationDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.approve(user.id, id, dto);
  }

  @Post('reject')
  @HttpCode(200)
  @ApiOkResponse({ type: AffiliationDto })
  reject(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Affiliation')) id: string,
    @Body() dto: ReasonDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.reject(user.id, id, dto.reason);
  }

  @Patch()
  @ApiOkResponse({ type: AffiliationDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Affiliation')) id: string,
    @Body() dto: UpdateAffiliationDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.changeRole(user.id, id, dto);
  }

  @Delete()
  @ApiOkResponse({
    type: AffiliationDto,
    description: "The ended affiliation; every membership held in the organisation's name ended with it",
  })
  end(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Affiliation')) id: string,
    @Query() q: EndAffiliationQuery,
  ): Promise<AffiliationDto> {
    return this.affiliations.end(user.id, id, q.reason);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/affiliations')
export class MyAffiliationsController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Get()
  @ApiOkResponse({
    type: AffiliationPageDto,
    description: "The caller's affiliations (invitations to answer included)",
  })
  list(@CurrentUser() user: AuthUser, @Query() q: AffiliationQuery) {
    return this.affiliations.listMine(user.id, q);
  }

  @Post(':affiliationId/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AffiliationDto, description: 'Needs a verified e-mail address (403 otherwise)' })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Invitation')) id: string,
  ): Promise<AffiliationDto> {
    return this.affiliations.answer(user.id, id, true);
  }

  @Post(':affiliationId/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: AffiliationDto })
  decline(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Invitation')) id: string,
  ): Promise<AffiliationDto> {
    return this.affiliations.answer(user.id, id, false);
  }
}
