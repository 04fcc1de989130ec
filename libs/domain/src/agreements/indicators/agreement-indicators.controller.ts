import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import { AgreementIndicatorsService } from './agreement-indicators.service';
import { AgreementIndicatorsDto } from './indicators.dto';

@ApiTags('agreements')
@Controller('groups/:groupId/agreements/indicators')
export class AgreementIndicatorsController {
  constructor(private readonly indicators: AgreementIndicatorsService) {}

  @Get()
  @Endpoint({
    summary: 'Monitoring indicators over the agreements, obligations and reports the caller may see',
    type: AgreementIndicatorsDto,
  })
  get(@CurrentUser() user: AuthUser, @Param('groupId', new UuidParam('Group')) groupId: string) {
    return this.indicators.indicators(user.id, groupId);
  }
}
