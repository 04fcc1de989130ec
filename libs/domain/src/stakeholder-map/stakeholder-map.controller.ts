import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import { StakeholderMapDto } from './stakeholder-map.dto';
import { StakeholderMapService } from './stakeholder-map.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('groups/:groupId/stakeholder-map')
export class StakeholderMapController {
  constructor(private readonly stakeholders: StakeholderMapService) {}

  @Get()
  @ApiOkResponse({ type: StakeholderMapDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<StakeholderMapDto> {
    return this.stakeholders.map(user.id, groupId);
  }
}
