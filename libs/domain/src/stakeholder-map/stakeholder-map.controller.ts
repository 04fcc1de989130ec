import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import { StakeholderMapDto } from './stakeholder-map.dto';
import { StakeholderMapService } from './stakeholder-map.service';

@ApiTags('members')
@Controller('groups/:groupId/stakeholder-map')
export class StakeholderMapController {
  constructor(private readonly stakeholders: StakeholderMapService) {}

  @Get()
  @Endpoint({
    summary: 'Who is in the group: organisations by kind, with their sites',
    type: StakeholderMapDto,
  })
  get(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<StakeholderMapDto> {
    return this.stakeholders.map(user.id, groupId);
  }
}
