import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, PageQuery, UuidParam } from '@roundtable/core';
import { CreateGroupDto, GroupDto, GroupPageDto, UpdateGroupDto } from './dto/group.dto';
import { GroupsService } from './groups.service';

@ApiTags('groups')
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @Endpoint({
    summary: 'Create a working group; the caller becomes its focal point',
    status: 201,
    type: GroupDto,
    errors: [403],
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateGroupDto): Promise<GroupDto> {
    return this.groups.create(user.id, dto);
  }

  @Get()
  @Endpoint({ summary: 'The groups the caller is a member of', type: GroupPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQuery) {
    return this.groups.list(user.id, q);
  }

  @Get(':groupId')
  @Endpoint({ summary: 'One group', type: GroupDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<GroupDto> {
    return this.groups.get(user.id, groupId);
  }

  @Patch(':groupId')
  @Endpoint({
    summary: "Change a group's name, description, languages or settings (focal point, co-chairs)",
    type: GroupDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: UpdateGroupDto,
  ): Promise<GroupDto> {
    return this.groups.update(user.id, groupId, dto);
  }

  @Post(':groupId/archive')
  @Endpoint({
    summary: 'Archive the group: read-only from now on (focal point)',
    type: GroupDto,
    returns: 'Focal point: the group becomes read-only (changes → 409)',
    errors: [403, 409],
  })
  archive(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<GroupDto> {
    return this.groups.setArchived(user.id, groupId, true);
  }

  @Post(':groupId/unarchive')
  @Endpoint({ summary: 'Unarchive the group (focal point)', type: GroupDto, errors: [403, 409] })
  unarchive(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<GroupDto> {
    return this.groups.setArchived(user.id, groupId, false);
  }
}
