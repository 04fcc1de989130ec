import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsFQDN, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf, PageQuery, trimString } from '@roundtable/core';
import { MemberOrganisationDto } from '../../members/dto/member.dto';
import {
  MEMBER_ROLES,
  MEMBERSHIP_STATUSES,
  MemberRole,
  MembershipStatus,
} from '../../members/membership.entity';

export const AFFILIATION_ROLES = ['admin', 'member'] as const;
export type AffiliationRoleName = (typeof AFFILIATION_ROLES)[number];
export const AFFILIATION_STATUSES = [
  'invited',
  'requested',
  'active',
  'declined',
  'rejected',
  'ended',
] as const;
export type AffiliationStatus = (typeof AFFILIATION_STATUSES)[number];
export const AFFILIATION_SOURCES = [
  'creator',
  'invitation',
  'request',
  'domain',
  'membership',
  'migration',
] as const;

const roleMessage = { message: `role must be one of: ${AFFILIATION_ROLES.join(', ')}` };

export class InviteAffiliationDto {
  @ApiProperty({ example: 'chief@police.example' })
  @Transform(trimString)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: AFFILIATION_ROLES })
  @IsIn(AFFILIATION_ROLES, roleMessage)
  role: AffiliationRoleName;
}

export class RequestAffiliationDto {
  @ApiPropertyOptional({ description: 'A note for the admins (who you are, your post)', maxLength: 1000 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(1000)
  message?: string;
}

export class ApproveAffiliationDto {
  @ApiPropertyOptional({ enum: AFFILIATION_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(AFFILIATION_ROLES, roleMessage)
  role?: AffiliationRoleName;
}

export class UpdateAffiliationDto {
  @ApiProperty({ enum: AFFILIATION_ROLES })
  @IsIn(AFFILIATION_ROLES, roleMessage)
  role: AffiliationRoleName;
}

export class ReasonDto {
  @ApiPropertyOptional({ description: 'Kept in history', maxLength: 500 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class EndAffiliationQuery {
  @ApiPropertyOptional({ description: 'Why it ends (kept in history)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

const QUERY_STATUSES = [...AFFILIATION_STATUSES, 'open', 'all'] as const;

export class AffiliationQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: QUERY_STATUSES,
    default: 'open',
    description: 'open: invited, requested and active',
  })
  @IsOptional()
  @IsIn(QUERY_STATUSES, { message: `status must be one of: ${QUERY_STATUSES.join(', ')}` })
  status?: (typeof QUERY_STATUSES)[number];
}

export class AffiliationMembershipDto {
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: MembershipStatus;
  @ApiProperty() isCoChair: boolean;
}

export class AffiliationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: MemberOrganisationDto }) organisation: MemberOrganisationDto;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ description: 'Whether the person has verified this e-mail address' }) emailVerified: boolean;
  @ApiProperty({ enum: AFFILIATION_ROLES }) role: AffiliationRoleName;
  @ApiProperty({
    enum: AFFILIATION_STATUSES,
    description: 'active: confirmed by the organisation — the person speaks for it',
  })
  status: AffiliationStatus;
  @ApiProperty({ enum: AFFILIATION_SOURCES, description: 'How it came about' }) source: string;
  @ApiProperty({ nullable: true, type: String, description: 'The note sent with a request' })
  message: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) confirmedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endedReason: string | null;
  @ApiPropertyOptional({
    type: [AffiliationMembershipDto],
    description: "The person's open group memberships in the organisation's name (for its admins)",
  })
  memberships?: AffiliationMembershipDto[];
}

export class AffiliationPageDto extends PageOf(AffiliationDto) {}

const MEMBERSHIP_QUERY_STATUSES = [...MEMBERSHIP_STATUSES, 'open', 'all'] as const;

export class OrganisationMembershipQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: MEMBERSHIP_QUERY_STATUSES,
    default: 'open',
    description: 'open: pending_organisation, invited and active',
  })
  @IsOptional()
  @IsIn(MEMBERSHIP_QUERY_STATUSES, {
    message: `status must be one of: ${MEMBERSHIP_QUERY_STATUSES.join(', ')}`,
  })
  status?: (typeof MEMBERSHIP_QUERY_STATUSES)[number];
}

export class OrganisationMembershipDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: MembershipStatus;
  @ApiProperty() isCoChair: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) affiliationId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who invited them' })
  invitedBy: string | null;
  @ApiProperty({ format: 'date-time' }) invitedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) joinedAt: string | null;
}

export class OrganisationMembershipPageDto extends PageOf(OrganisationMembershipDto) {}

export class AddDomainDto {
  @ApiProperty({
    example: 'police.example',
    description: 'A domain the organisation controls (no subdomains implied)',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsFQDN({ require_tld: true }, { message: 'domain must be a domain name such as police.example' })
  @MaxLength(253)
  domain: string;
}

export class OrganisationDomainDto {
  @ApiProperty({ example: 'police.example' }) domain: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrganisationDomainListDto {
  @ApiProperty({ type: [OrganisationDomainDto] }) items: OrganisationDomainDto[];
}
