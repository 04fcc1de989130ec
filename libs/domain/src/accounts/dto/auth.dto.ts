import { IsIanaTimeZone, IsLocaleTag, toCanonicalLocale, trimString } from '@roundtable/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'amani@example.org' })
  @Transform(trimString)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(256)
  password: string;

  @ApiProperty({ example: 'Amani K.' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  displayName: string;
}

export class LoginDto {
  @ApiProperty()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  refreshToken: string;
}

export class TokensDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MembershipSummaryDto {
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() organisationVerified: boolean;
  @ApiProperty({ enum: ['focal_point', 'member', 'observer'] }) role: string;
  @ApiProperty() isCoChair: boolean;
  @ApiProperty() isContactPoint: boolean;
}

export class AffiliationSummaryDto {
  @ApiProperty({ format: 'uuid' }) affiliationId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() organisationVerified: boolean;
  @ApiProperty({ enum: ['admin', 'member'] }) role: string;
  @ApiProperty({
    enum: ['invited', 'requested', 'active'],
    description: 'active: you speak for the organisation; invited: answer under /me/affiliations',
  })
  status: string;
}

export class MeDto extends UserDto {
  @ApiProperty({ description: 'Whether the e-mail address is verified (POST /me/email-verification)' })
  emailVerified: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'fr-CD', description: 'BCP 47 language tag' })
  locale: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Africa/Lubumbashi', description: 'IANA time zone' })
  timeZone: string | null;
  @ApiProperty({ description: 'Platform administrator (ADMIN_EMAILS, verified address)' })
  platformAdmin: boolean;
  @ApiProperty({ type: [MembershipSummaryDto] }) memberships: MembershipSummaryDto[];
  @ApiProperty({
    type: [AffiliationSummaryDto],
    description: 'Open affiliations (active, invited, requested)',
  })
  affiliations: AffiliationSummaryDto[];
}

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Amani K.' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'fr-CD',
    description: 'BCP 47; null clears it',
  })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Transform(toCanonicalLocale)
  @IsLocaleTag()
  locale?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Africa/Lubumbashi',
    description: 'IANA; null clears it',
  })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsIanaTimeZone()
  timeZone?: string | null;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The code from the verification e-mail' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class EmailVerifiedDto {
  @ApiProperty() email: string;
  @ApiProperty({ format: 'date-time' }) verifiedAt: string;
}

export class EmailVerificationSentDto {
  @ApiProperty({ description: 'Where the code was sent' }) sentTo: string;
}

export class CalendarTokenDto {
  @ApiProperty() token: string;
  @ApiProperty({
    description:
      'Path of the personal group feed, token included: replace {groupId} and subscribe to it (nothing to add)',
    example: '/api/v1/groups/{groupId}/calendar.ics?token=…',
  })
  feedPathTemplate: string;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, description: 'User-Agent of the sign-in' })
  userAgent: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Network of the last use (IPv4 /24, IPv6 /48), never the address',
    example: '203.0.113.0/24',
  })
  ipPrefix: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'The sign-in or the last token refresh' })
  lastUsedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'The session of the token making this request' }) current: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto] }) items: SessionDto[];
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MinLength(12, { message: 'newPassword must be at least 12 characters' })
  @MaxLength(256)
  newPassword: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'amani@example.org' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;
}

export class PasswordResetRequestedDto {
  @ApiProperty({
    description: 'Always the same, whether or not an account has this address',
    example: 'If an account has this address, a link to choose a new password is on its way.',
  })
  detail: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the e-mailed link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MinLength(12, { message: 'newPassword must be at least 12 characters' })
  @MaxLength(256)
  newPassword: string;
}
