import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, GROUP_EVENT_TYPES, MAX_LIMIT, UuidParam } from '@roundtable/core';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { EventsService } from './events.service';

class EventQuery {
  @ApiPropertyOptional({
    description:
      'The `cursor` of the last event seen (or `nextCursor`): return the events after it; 0 or absent: from the start',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;
}

class GroupEventDto {
  @ApiProperty({ description: 'Unique, stable and opaque (clients drop duplicates by it)' })
  id: string;
  @ApiProperty({
    description:
      'Opaque: pass as `after` to replay the events after this one. Events carry no counter, so a caller cannot tell how many it was not shown',
  })
  cursor: string;
  @ApiProperty({ enum: GROUP_EVENT_TYPES }) type: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
}

class EventPageDto {
  @ApiProperty({ type: [GroupEventDto] }) items: GroupEventDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: "Pass as `after` for the next page (the last item's cursor); null when caught up",
  })
  nextCursor: string | null;
}

@ApiTags('events')
@Controller('groups/:groupId/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @Endpoint({
    summary: 'Replay the group events the caller may see, in seq order',
    description:
      'The same events are pushed live over Socket.IO: namespace `/realtime`, handshake `auth: { token: <accessToken> }` ',
    type: EventPageDto,
  })
  replay(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: EventQuery,
  ) {
    return this.events.replay(user.id, groupId, q.after, q.limit ?? 50);
  }
}
