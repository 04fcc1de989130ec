import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, PageOf, PageQuery, UuidParam } from '@roundtable/core';
import { AuditService } from './audit.service';

class AuditActorDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'member.invited' }) action: string;
  @ApiProperty({ example: 'membership' }) entityType: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ type: AuditActorDto, nullable: true }) actor: AuditActorDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
}

class AuditPageDto extends PageOf(AuditEntryDto) {}

@ApiTags('audit')
@Controller('groups/:groupId/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Endpoint({
    summary: "The group's audit log, newest first (focal point, co-chairs)",
    type: AuditPageDto,
    errors: [403],
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: PageQuery,
  ) {
    return this.audit.list(user.id, groupId, q);
  }
}
