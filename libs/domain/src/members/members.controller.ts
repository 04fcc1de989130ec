import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, PageQuery, UuidParam } from '@roundtable/core';
import {
  EndMembershipQuery,
  InvitationPageDto,
  InviteMemberDto,
  MemberDto,
  MemberPageDto,
  MemberQuery,
  UpdateMemberDto,
} from './dto/member.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('groups/:groupId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @Endpoint({
    summary: 'Invite a person to the group (focal point, co-chairs)',
    status: 201,
    type: MemberDto,
    errors: [403, 409],
  })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: InviteMemberDto,
  ) {
    return this.members.invite(user.id, groupId, dto);
  }

  @Get()
  @Endpoint({ summary: "The group's members", type: MemberPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: MemberQuery,
  ) {
    return this.members.list(user.id, groupId, q);
  }

  @Patch(':memberId')
  @Endpoint({
    summary: "Change a member's role (focal point, co-chairs)",
    type: MemberDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('memberId', new UuidParam('Member')) memberId: string,
    @Body() dto: UpdateMemberDto,
  ) {
    return this.members.update(user.id, groupId, memberId, dto);
  }

  @Delete(':memberId')
  @Endpoint({
    summary: 'End a membership (the member, or the focal point and co-chairs)',
    type: MemberDto,
    returns: 'The ended membership (history is kept)',
    errors: [403, 409],
  })
  end(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('memberId', new UuidParam('Member')) memberId: string,
    @Query() q: EndMembershipQuery,
  ) {
    return this.members.end(user.id, groupId, memberId, q.reason);
  }
}

@ApiTags('me')
@Controller('me/invitations')
export class InvitationsController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Endpoint({
    summary: "The caller's pending group invitations",
    type: InvitationPageDto,
    returns: 'Open invitations, newest first',
  })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQuery) {
    return this.members.invitations(user.id, q);
  }

  @Post(':membershipId/accept')
  @Endpoint({ summary: 'Accept a group invitation', type: MemberDto, errors: [409] })
  accept(@CurrentUser() user: AuthUser, @Param('membershipId', new UuidParam('Invitation')) id: string) {
    return this.members.answer(user.id, id, true);
  }

  @Post(':membershipId/decline')
  @Endpoint({ summary: 'Decline a group invitation', type: MemberDto, errors: [409] })
  decline(@CurrentUser() user: AuthUser, @Param('membershipId', new UuidParam('Invitation')) id: string) {
    return this.members.answer(user.id, id, false);
  }
}
