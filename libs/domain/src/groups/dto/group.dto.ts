import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsIanaTimeZone, PageOf, trimString } from '@roundtable/core';
import {
  CO_CHAIR_POLICIES,
  CoChairPolicy,
  MINUTES_APPROVAL_RULES,
  MinutesApprovalRule,
} from '../group.entity';

export class CreateGroupDto {
  @ApiProperty({ example: 'Lubumbashi security and human rights working group' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation the creator represents' })
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId: string;

  @ApiProperty({ example: 'Africa/Lubumbashi' })
  @IsIanaTimeZone()
  timezone: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ example: 'Haut-Katanga' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  region?: string;

  @ApiPropertyOptional({ type: [String], example: ['fr', 'sw'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    each: true,
    message: 'languages must be BCP 47 tags such as fr or sw',
  })
  languages?: string[];

  @ApiPropertyOptional({ enum: CO_CHAIR_POLICIES, default: 'company_and_civil_society' })
  @IsOptional()
  @IsIn(CO_CHAIR_POLICIES)
  coChairPolicy?: CoChairPolicy;
}

export class UpdateGroupDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Africa/Lubumbashi' })
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  region?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    each: true,
    message: 'languages must be BCP 47 tags such as fr or sw',
  })
  languages?: string[];

  @ApiPropertyOptional({ enum: CO_CHAIR_POLICIES })
  @IsOptional()
  @IsIn(CO_CHAIR_POLICIES)
  coChairPolicy?: CoChairPolicy;

  @ApiPropertyOptional({
    enum: MINUTES_APPROVAL_RULES,
    description:
      'one_co_chair: one sitting co-chair approves the minutes; all_co_chairs: every sitting co-chair who attended approves, and the minutes are approved with the last approval',
  })
  @IsOptional()
  @IsIn(MINUTES_APPROVAL_RULES, {
    message: `minutesApproval must be one of: ${MINUTES_APPROVAL_RULES.join(', ')}`,
  })
  minutesApproval?: MinutesApprovalRule;
}

export class GroupDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty() timezone: string;
  @ApiProperty({ enum: CO_CHAIR_POLICIES }) coChairPolicy: CoChairPolicy;
  @ApiProperty({ enum: MINUTES_APPROVAL_RULES, description: 'Who approves minutes (PATCH to change)' })
  minutesApproval: MinutesApprovalRule;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ description: 'An archived group is read-only (changes → 409)' }) archived: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) archivedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ enum: ['focal_point', 'member', 'observer'], description: "The caller's role" })
  myRole?: string;
  @ApiPropertyOptional({ description: 'Whether the caller is a sitting co-chair' }) iAmCoChair?: boolean;
}

export class GroupPageDto extends PageOf(GroupDto) {}
