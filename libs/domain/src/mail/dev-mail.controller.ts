import { Controller, Get, Headers, Inject, Query } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  APP_CONFIG,
  AppConfig,
  type AuthUser,
  CurrentUser,
  Endpoint,
  ForbiddenProblem,
  MAX_LIMIT,
  NotFoundProblem,
  trimString,
  UnauthorizedProblem,
} from '@roundtable/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { MailOutbox } from './mail-outbox';

class DevMailQuery {
  @ApiPropertyOptional({ description: 'Only mails to this address' })
  @IsOptional()
  @Transform(trimString)
  @IsEmail({}, { message: 'to must be an e-mail address' })
  @MaxLength(254)
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;
}

class DevMailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: String }) html: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the worker logged it',
  })
  sentAt: string | null;
  @ApiProperty({ enum: ['smtp', 'log'], nullable: true, type: String }) delivery: string | null;
}

class DevMailListDto {
  @ApiProperty({ type: [DevMailDto], description: 'Newest first' }) items: DevMailDto[];
}

const digest = (s: string) => createHash('sha256').update(s).digest();

// Development inbox: without SMTP the platform's e-mails (verification codes, invitations) go to
// the log and can be followed here. It does not exist (404) in production, nor once SMTP_URL is
// set — then mail is really delivered and its codes must not be readable over HTTP.
// Even in development it is not everyone's: a signed-in caller reads only mail to their own
// address; all mail (any `to`, or none) needs `X-Dev-Mail-Token: <DEV_MAIL_TOKEN>` — what the
// test suites and the browser stories send, since they read mail of people not signed in yet.
@ApiTags('development')
@Controller('dev/mail')
export class DevMailController {
  constructor(
    private readonly outbox: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiHeader({
    name: 'X-Dev-Mail-Token',
    required: false,
    description: 'DEV_MAIL_TOKEN: read every mail, not only your own',
  })
  @Endpoint({
    summary: 'Mails the platform sent, newest first (development only)',
    description:
      'Signed in: mails to your own address. With `X-Dev-Mail-Token: <DEV_MAIL_TOKEN>`: all mails, or those to `to`.',
    type: DevMailListDto,
    returns: 'Development only (404 in production or with SMTP_URL)',
    public: true,
    errors: [401, 403],
  })
  async list(
    @Query() q: DevMailQuery,
    @CurrentUser() user: AuthUser | undefined,
    @Headers('x-dev-mail-token') token: string | undefined,
  ): Promise<DevMailListDto> {
    if (this.config.nodeEnv === 'production' || this.config.smtpUrl) throw new NotFoundProblem('Resource');
    const limit = q.limit ?? 50;
    if (token !== undefined) {
      const expected = this.config.devMailToken;
      if (!expected || !timingSafeEqual(digest(token), digest(expected)))
        throw new UnauthorizedProblem('X-Dev-Mail-Token does not match DEV_MAIL_TOKEN');
      return { items: await this.outbox.recent(q.to, limit) };
    }
    if (!user) throw new UnauthorizedProblem('Sign in to read your own mail, or send X-Dev-Mail-Token');
    const own = await this.outbox.addressOf(user.id);
    if (!own) throw new UnauthorizedProblem();
    if (q.to !== undefined && q.to.toLowerCase() !== own.toLowerCase())
      throw new ForbiddenProblem('Without X-Dev-Mail-Token you read only mail to your own address');
    return { items: await this.outbox.recent(own, limit) };
  }
}
