import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageOf, PageQuery, trimString } from '@roundtable/core';
import { ORGANISATION_KINDS, OrganisationKind } from '../organisation.entity';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Gécamines' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS, { message: `kind must be one of: ${ORGANISATION_KINDS.join(', ')}` })
  kind: OrganisationKind;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country code', example: 'CD' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as CD' })
  country?: string;

  @ApiPropertyOptional({ description: 'Participant in the Voluntary Principles Initiative' })
  @IsOptional()
  @IsBoolean()
  vpsParticipant?: boolean;
}

// Admins of the organisation. A new name or kind clears `verified`: a platform administrator
// vouched for what the organisation was called and what it is.
export class UpdateOrganisationDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS, { message: `kind must be one of: ${ORGANISATION_KINDS.join(', ')}` })
  kind?: OrganisationKind;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'CD' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as CD' })
  country?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  vpsParticipant?: boolean;
}

export class SetVerificationDto {
  @ApiProperty({ description: 'true: a platform administrator vouches for this organisation' })
  @IsBoolean({ message: 'verified must be true or false' })
  verified: boolean;
}

export class OrganisationQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Case-insensitive name search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty() vpsParticipant: boolean;
  @ApiProperty({ description: 'Verified by a platform administrator (ADMIN_EMAILS)' }) verified: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) verifiedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrganisationPageDto extends PageOf(OrganisationDto) {}
