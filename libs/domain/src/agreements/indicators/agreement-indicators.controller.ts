import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import { AgreementIndicatorsService } from './agreement-indicators.service';
import { AgreementIndicatorsDto } from './indicators.dto';

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('groups/:groupId/agreements/indicators')
export class AgreementIndicatorsController {
  constructor(private readonly indicators: AgreementIndicatorsService) {}

  @Get()
  @ApiOperation({
    summary: 'Monitoring indicators over the agreements, obligations and reports the caller may see',
  })
  @ApiOkResponse({ type: AgreementIndicatorsDto })
  get(@CurrentUser() user: AuthUser, @Param('groupId', new UuidParam('Group')) groupId: string) {
    return this.indicators.indicators(user.id, groupId);
  }
}
