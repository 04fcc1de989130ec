import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQuery, UuidParam } from '@roundtable/core';
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
@ApiBearerAuth()
@Controller('groups/:groupId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @ApiCreatedResponse({ type: MemberDto })
  invite(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: InviteMemberDto,
  ) {
    return this.members.invite(user.id, groupId, dto);
  }

  @Get()
  @ApiOkResponse({ type: MemberPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: MemberQuery,
  ) {
    return this.members.list(user.id, groupId, q);
  }

  @Patch(':memberId')
  @ApiOkResponse({ type: MemberDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('memberId', new UuidParam('Member')) memberId: string,
    @Body() dto: UpdateMemberDto,
  ) {
    return this.members.update(user.id, groupId, memberId, dto);
  }

  @Delete(':memberId')
  @ApiOkResponse({ type: MemberDto, description: 'The ended membership (history is kept)' })
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
@ApiBearerAuth()
@Controller('me/invitations')
export class InvitationsController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOkResponse({ type: InvitationPageDto, description: 'Open invitations, newest first' })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQuery) {
    return this.members.invitations(user.id, q);
  }

  @Post(':membershipId/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: MemberDto })
  accept(@CurrentUser() user: AuthUser, @Param('membershipId', new UuidParam('Invitation')) id: string) {
    return this.members.answer(user.id, id, true);
  }

  @Post(':membershipId/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: MemberDto })
  decline(@CurrentUser() user: AuthUser, @Param('membershipId', new UuidParam('Invitation')) id: string) {
    return this.members.answer(user.id, id, false);
  }
}
