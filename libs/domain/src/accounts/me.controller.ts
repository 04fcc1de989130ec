import { Body, Controller, Delete, Get, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import {
  AuthUser,
  CurrentUser,
  Endpoint,
  PageOf,
  PageQuery,
  UuidParam,
  queryBoolean,
} from '@roundtable/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { NotificationsService } from '../notifications/notifications.service';
import {
  CalendarTokenDto,
  ChangePasswordDto,
  EmailVerificationSentDto,
  MeDto,
  SessionListDto,
  UpdateMeDto,
} from './dto/auth.dto';
import { EmailVerificationService } from './email-verification.service';
import { MeService } from './me.service';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';

class NotificationQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  unread?: boolean;
}

class CalendarTokenQuery {
  @ApiPropertyOptional({ description: 'true issues a new token; the old feed URL stops working' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  rotate?: boolean;
}

class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) groupId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entityId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) body: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt: string | null;
}

class NotificationPageDto extends PageOf(NotificationDto) {}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly notifications: NotificationsService,
    private readonly verification: EmailVerificationService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordService,
  ) {}

  @Get('sessions')
  @Endpoint({ summary: 'My sessions that have not ended, the current one marked', type: SessionListDto })
  async listSessions(@CurrentUser() user: AuthUser): Promise<SessionListDto> {
    return { items: await this.sessions.list(user.id, user.sid) };
  }

  @Delete('sessions/:id')
  @Endpoint({
    summary: 'End one of my sessions at once (its open sockets are disconnected)',
    status: 204,
  })
  async revokeSession(
    @CurrentUser() user: AuthUser,
    @Param('id', new UuidParam('Session')) id: string,
  ): Promise<void> {
    await this.sessions.revokeOne(user.id, id, 'revoked');
  }

  @Post('password')
  @Endpoint({ summary: 'Change my password; every other session ends', status: 204 })
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<void> {
    await this.passwords.change(user, dto.currentPassword, dto.newPassword, ip);
  }

  @Get()
  @Endpoint({ summary: "The caller's account and memberships", type: MeDto })
  get(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.me.me(user.id);
  }

  @Patch()
  @Endpoint({ summary: "Change the caller's name, locale or time zone", type: MeDto })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<MeDto> {
    return this.me.update(user.id, dto);
  }

  @Post('email-verification')
  @Endpoint({
    summary: 'Send a new e-mail verification code',
    status: 202,
    type: EmailVerificationSentDto,
    returns: 'Mails a new single-use code (at most one mail a minute); 409 when already verified',
    errors: [409],
  })
  sendVerification(@CurrentUser() user: AuthUser): Promise<EmailVerificationSentDto> {
    return this.verification.resend(user.id);
  }

  @Get('calendar-token')
  @Endpoint({ summary: "The caller's calendar feed token and feed URL template", type: CalendarTokenDto })
  async calendarToken(
    @CurrentUser() user: AuthUser,
    @Query() q: CalendarTokenQuery,
  ): Promise<CalendarTokenDto> {
    const token = await this.me.calendarToken(user.id, q.rotate === true);
    return { token, feedPathTemplate: '/api/v1/groups/{groupId}/calendar.ics?token=' + token };
  }

  @Get('notifications')
  @Endpoint({ summary: "The caller's in-app notifications, newest first", type: NotificationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: NotificationQuery) {
    return this.notifications.list(user.id, q);
  }

  @Post('notifications/:id/read')
  @Endpoint({ summary: 'Mark a notification read', type: NotificationDto })
  read(@CurrentUser() user: AuthUser, @Param('id', new UuidParam('Notification')) id: string) {
    return this.notifications.markRead(user.id, id);
  }
}
