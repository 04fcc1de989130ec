import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageOf, PageQuery, trimString } from '@roundtable/core';
import { ORGANISATION_KINDS, OrganisationKind } from '../../organisations/organisation.entity';
import { MEMBER_ROLES, MEMBERSHIP_STATUSES, MemberRole, MembershipStatus } from '../membership.entity';

export class InviteMemberDto {
  @ApiProperty({ example: 'chief@police.example' })
  @Transform(trimString)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES, { message: `role must be one of: ${MEMBER_ROLES.join(', ')}` })
  role: MemberRole;

  @ApiPropertyOptional({ description: "The organisation's named contact point for this group" })
  @IsOptional()
  @IsBoolean()
  isContactPoint?: boolean;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: MEMBER_ROLES })
  @IsOptional()
  @IsIn(MEMBER_ROLES, { message: `role must be one of: ${MEMBER_ROLES.join(', ')}` })
  role?: MemberRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isContactPoint?: boolean;
}

export class EndMembershipQuery {
  @ApiPropertyOptional({ description: 'Why the membership ends (kept in history)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class MemberQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  organisationKind?: OrganisationKind;

  @ApiPropertyOptional({ enum: [...MEMBERSHIP_STATUSES, 'all'], default: 'active' })
  @IsOptional()
  @IsIn([...MEMBERSHIP_STATUSES, 'all'], {
    message: `status must be one of: ${[...MEMBERSHIP_STATUSES, 'all'].join(', ')}`,
  })
  status?: MembershipStatus | 'all';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;
}

// How an organisation is named in responses (members, co-chairs, stakeholder map, …).
export class MemberOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ description: 'Verified by a platform administrator' }) verified: boolean;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Shown to the member, the focal point and co-chairs',
  })
  email: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ type: MemberOrganisationDto }) organisation: MemberOrganisationDto;
  @ApiProperty({ enum: MEMBER_ROLES }) role: MemberRole;
  @ApiProperty() isContactPoint: boolean;
  @ApiProperty() isCoChair: boolean;
  @ApiProperty({
    enum: MEMBERSHIP_STATUSES,
    description:
      'pending_organisation: waits for an admin of the organisation (the invitee does not speak for it yet); grants nothing',
  })
  status: MembershipStatus;
  @ApiProperty({ format: 'date-time' }) invitedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) joinedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endedReason: string | null;
}

export class MemberPageDto extends PageOf(MemberDto) {}

export class InvitationDto extends MemberDto {
  @ApiProperty() groupName: string;
}

export class InvitationPageDto extends PageOf(InvitationDto) {}

export class RejectMembershipDto {
  @ApiPropertyOptional({ description: 'Why the organisation does not approve it (kept in history)' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(500)
  reason?: string;
}
