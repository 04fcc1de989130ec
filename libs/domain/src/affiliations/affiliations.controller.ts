import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
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
@Controller('organisations/:organisationId')
export class OrganisationAffiliationsController {
  constructor(
    private readonly affiliations: AffiliationsService,
    private readonly members: MembersService,
    private readonly domains: OrganisationDomainsService,
  ) {}

  @Get('affiliations')
  @Endpoint({
    summary: 'Affiliations of an organisation (its admins)',
    type: AffiliationPageDto,
    returns: 'Admins: every affiliation with its memberships',
    errors: [403],
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Query() q: AffiliationQuery,
  ) {
    return this.affiliations.listForOrganisation(user.id, organisationId, q);
  }

  @Post('affiliations')
  @Endpoint({
    summary: 'Invite a person to be affiliated with the organisation (admins)',
    status: 201,
    type: AffiliationDto,
    returns: 'An invitation the person accepts (e-mailed when they have no account)',
    errors: [403, 409],
  })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Body() dto: InviteAffiliationDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.invite(user.id, organisationId, dto);
  }

  @Post('affiliation-requests')
  @Endpoint({
    summary: 'Ask to be affiliated with an organisation',
    status: 201,
    type: AffiliationDto,
    returns:
      "status requested, or active at once when the organisation lists the caller's verified e-mail domain",
    errors: [409],
  })
  request(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Body() dto: RequestAffiliationDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.request(user.id, organisationId, dto);
  }

  @Get('memberships')
  @Endpoint({
    summary: "Group memberships held in the organisation's name (admins)",
    type: OrganisationMembershipPageDto,
    returns: "Admins: group memberships in the organisation's name",
    errors: [403],
  })
  memberships(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Query() q: OrganisationMembershipQuery,
  ) {
    return this.affiliations.listMemberships(user.id, organisationId, q);
  }

  @Post('memberships/:membershipId/approve')
  @Endpoint({
    summary: 'Approve a membership waiting for the organisation (admins)',
    type: MemberDto,
    returns: 'A pending_organisation membership becomes an invitation',
    errors: [403, 409],
  })
  approveMembership(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Param('membershipId', new UuidParam('Membership')) membershipId: string,
  ): Promise<MemberDto> {
    return this.members.approveForOrganisation(user.id, organisationId, membershipId);
  }

  @Post('memberships/:membershipId/reject')
  @Endpoint({
    summary: 'Reject a membership waiting for the organisation (admins)',
    type: MemberDto,
    returns: 'A pending_organisation membership ends',
    errors: [403, 409],
  })
  rejectMembership(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Param('membershipId', new UuidParam('Membership')) membershipId: string,
    @Body() dto: RejectMembershipDto,
  ): Promise<MemberDto> {
    return this.members.rejectForOrganisation(user.id, organisationId, membershipId, dto.reason);
  }

  @Get('domains')
  @Endpoint({
    summary: 'E-mail domains that affiliate new accounts automatically (admins)',
    type: OrganisationDomainListDto,
    errors: [403],
  })
  listDomains(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
  ): Promise<OrganisationDomainListDto> {
    return this.domains.list(user.id, organisationId);
  }

  @Post('domains')
  @Endpoint({
    summary: 'Add an e-mail domain to the organisation (admins)',
    status: 201,
    type: OrganisationDomainDto,
    errors: [403, 409],
  })
  addDomain(
    @CurrentUser() user: AuthUser,
    @Param('organisationId', new UuidParam('Organisation')) organisationId: string,
    @Body() dto: AddDomainDto,
  ): Promise<OrganisationDomainDto> {
    return this.domains.add(user.id, organisationId, dto.domain);
  }

  @Delete('domains/:domain')
  @Endpoint({ summary: 'Remove an e-mail domain from the organisation (admins)', status: 204, errors: [403] })
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
@Controller('affiliations/:affiliationId')
export class AffiliationsController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Post('approve')
  @Endpoint({
    summary: 'Approve an affiliation request (organisation admins)',
    type: AffiliationDto,
    errors: [403, 409],
  })
  approve(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Affiliation')) id: string,
    @Body() dto: ApproveAffiliationDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.approve(user.id, id, dto);
  }

  @Post('reject')
  @Endpoint({
    summary: 'Reject an affiliation request (organisation admins)',
    type: AffiliationDto,
    errors: [403, 409],
  })
  reject(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Affiliation')) id: string,
    @Body() dto: ReasonDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.reject(user.id, id, dto.reason);
  }

  @Patch()
  @Endpoint({
    summary: "Change an affiliation's role (organisation admins)",
    type: AffiliationDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Affiliation')) id: string,
    @Body() dto: UpdateAffiliationDto,
  ): Promise<AffiliationDto> {
    return this.affiliations.changeRole(user.id, id, dto);
  }

  @Delete()
  @Endpoint({
    summary: 'End an affiliation and the memberships held through it (admins, or the person)',
    type: AffiliationDto,
    returns: "The ended affiliation; every membership held in the organisation's name ended with it",
    errors: [403, 409],
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
@Controller('me/affiliations')
export class MyAffiliationsController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Get()
  @Endpoint({
    summary: "The caller's affiliations and invitations",
    type: AffiliationPageDto,
    returns: "The caller's affiliations (invitations to answer included)",
  })
  list(@CurrentUser() user: AuthUser, @Query() q: AffiliationQuery) {
    return this.affiliations.listMine(user.id, q);
  }

  @Post(':affiliationId/accept')
  @Endpoint({
    summary: 'Accept an invitation to an affiliation',
    type: AffiliationDto,
    returns: 'Needs a verified e-mail address (403 otherwise)',
    errors: [403, 409],
  })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Invitation')) id: string,
  ): Promise<AffiliationDto> {
    return this.affiliations.answer(user.id, id, true);
  }

  @Post(':affiliationId/decline')
  @Endpoint({ summary: 'Decline an invitation to an affiliation', type: AffiliationDto, errors: [403, 409] })
  decline(
    @CurrentUser() user: AuthUser,
    @Param('affiliationId', new UuidParam('Invitation')) id: string,
  ): Promise<AffiliationDto> {
    return this.affiliations.answer(user.id, id, false);
  }
}
