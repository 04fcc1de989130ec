import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import { CoChairsService } from './co-chairs.service';
import {
  AppointCoChairDto,
  CoChairAppointmentDto,
  CoChairTermDto,
  CoChairTermsDto,
  EndCoChairTermDto,
} from './dto/co-chair.dto';

@ApiTags('co-chairs')
@ApiBearerAuth()
@Controller('groups/:groupId/co-chairs')
export class CoChairsController {
  constructor(private readonly coChairs: CoChairsService) {}

  @Get()
  @ApiOkResponse({ type: CoChairTermsDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<CoChairTermsDto> {
    return this.coChairs.list(user.id, groupId);
  }

  @Post()
  @ApiCreatedResponse({ type: CoChairAppointmentDto })
  appoint(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: AppointCoChairDto,
  ): Promise<CoChairAppointmentDto> {
    return this.coChairs.appoint(user.id, groupId, dto);
  }

  @Post(':termId/end')
  @HttpCode(200)
  @ApiOkResponse({ type: CoChairTermDto })
  end(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('termId', new UuidParam('Co-chair term')) termId: string,
    @Body() dto: EndCoChairTermDto,
  ): Promise<CoChairTermDto> {
    return this.coChairs.end(user.id, groupId, termId, dto.reason);
  }
}
