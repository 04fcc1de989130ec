import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, Endpoint, MAX_LIMIT, NotFoundProblem, trimString } from '@roundtable/core';
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

// Development inbox: without SMTP the platform's e-mails (verification codes, invitations) go to
// the log and can be followed here. It does not exist (404) in production, nor once SMTP_URL is
// set — then mail is really delivered and its codes must not be readable over HTTP.
@ApiTags('development')
@Controller('dev/mail')
export class DevMailController {
  constructor(
    private readonly outbox: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Endpoint({
    summary: 'Mails the platform sent, newest first (development only)',
    type: DevMailListDto,
    returns: 'Development only (404 in production or with SMTP_URL)',
    public: true,
  })
  async list(@Query() q: DevMailQuery): Promise<DevMailListDto> {
    if (this.config.nodeEnv === 'production' || this.config.smtpUrl) throw new NotFoundProblem('Resource');
    return { items: await this.outbox.recent(q.to, q.limit ?? 50) };
  }
}
