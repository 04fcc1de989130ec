import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import { CoChairsService } from './co-chairs.service';
import {
  AppointCoChairDto,
  CoChairAppointmentDto,
  CoChairTermDto,
  CoChairTermsDto,
  EndCoChairTermDto,
} from './dto/co-chair.dto';

@ApiTags('co-chairs')
@Controller('groups/:groupId/co-chairs')
export class CoChairsController {
  constructor(private readonly coChairs: CoChairsService) {}

  @Get()
  @Endpoint({ summary: 'Co-chair terms of the group', type: CoChairTermsDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
  ): Promise<CoChairTermsDto> {
    return this.coChairs.list(user.id, groupId);
  }

  @Post()
  @Endpoint({
    summary: 'Appoint a co-chair for a term (focal point, co-chairs)',
    status: 201,
    type: CoChairAppointmentDto,
    errors: [403, 409],
  })
  appoint(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: AppointCoChairDto,
  ): Promise<CoChairAppointmentDto> {
    return this.coChairs.appoint(user.id, groupId, dto);
  }

  @Post(':termId/end')
  @Endpoint({
    summary: 'End a co-chair term early (focal point, co-chairs)',
    type: CoChairTermDto,
    errors: [403, 409],
  })
  end(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Param('termId', new UuidParam('Co-chair term')) termId: string,
    @Body() dto: EndCoChairTermDto,
  ): Promise<CoChairTermDto> {
    return this.coChairs.end(user.id, groupId, termId, dto.reason);
  }
}
