import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQuery, UuidParam } from '@roundtable/core';
import { CreateGroupDto, GroupDto, GroupPageDto, UpdateGroupDto } from './dto/group.dto';
import { GroupsService } from './groups.service';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @ApiCreatedResponse({ type: GroupDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateGroupDto): Promise<GroupDto> {
    return this.groups.create(user.id, dto);
  }

  @Get()
  @ApiOkResponse({ type: GroupPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQuery) {
    return this.groups.list(user.id, q);
  }

  @Get(':groupId')
  @ApiOkResponse({ type: GroupDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<GroupDto> {
    return this.groups.get(user.id, groupId);
  }

  @Patch(':groupId')
  @ApiOkResponse({ type: GroupDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: UpdateGroupDto,
  ): Promise<GroupDto> {
    return this.groups.update(user.id, groupId, dto);
  }

  @Post(':groupId/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: GroupDto, description: 'Focal point: the group becomes read-only (changes → 409)' })
  archive(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<GroupDto> {
    return this.groups.setArchived(user.id, groupId, true);
  }

  @Post(':groupId/unarchive')
  @HttpCode(200)
  @ApiOkResponse({ type: GroupDto })
  unarchive(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<GroupDto> {
    return this.groups.setArchived(user.id, groupId, false);
  }
}
