import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageOf, PageQuery, queryBoolean, trimString } from '@roundtable/core';
import { MemberOrganisationDto } from '../../members/dto/member.dto';
import { SITE_KINDS, SiteKind } from '../site.types';

// Optional means "may be left out" — an explicit null is invalid unless the field says otherwise.
const Omittable = () => ValidateIf((_o, v) => v !== undefined);

export class SiteLocationDto {
  @ApiProperty({ minimum: -90, maximum: 90 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty({ minimum: -180, maximum: 180 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng: number;
}

export class CreateSiteDto {
  @ApiProperty({ example: 'Kamoto underground mine' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: SITE_KINDS })
  @IsIn(SITE_KINDS, { message: `kind must be one of: ${SITE_KINDS.join(', ')}` })
  kind: SiteKind;

  @ApiPropertyOptional({ example: 'Lualaba' })
  @Omittable()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  region?: string;

  @ApiPropertyOptional({ type: SiteLocationDto })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => SiteLocationDto)
  location?: SiteLocationDto;

  @ApiProperty({
    format: 'uuid',
    description: 'The operating company; must have active members in the group',
  })
  @IsUUID('all', { message: 'operatorOrganisationId must be a UUID' })
  operatorOrganisationId: string;

  @ApiProperty({ description: 'Whether public security forces are deployed at or around the site' })
  @IsBoolean()
  publicSecurityPresent: boolean;
}

export class UpdateSiteDto {
  @ApiPropertyOptional()
  @Omittable()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: SITE_KINDS })
  @Omittable()
  @IsIn(SITE_KINDS, { message: `kind must be one of: ${SITE_KINDS.join(', ')}` })
  kind?: SiteKind;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  region?: string | null;

  @ApiPropertyOptional({ type: SiteLocationDto, nullable: true, description: 'null clears it' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => SiteLocationDto)
  location?: SiteLocationDto | null;

  @ApiPropertyOptional({ format: 'uuid' })
  @Omittable()
  @IsUUID('all', { message: 'operatorOrganisationId must be a UUID' })
  operatorOrganisationId?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  publicSecurityPresent?: boolean;
}

export class SiteQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SITE_KINDS })
  @Omittable()
  @IsIn(SITE_KINDS, { message: `kind must be one of: ${SITE_KINDS.join(', ')}` })
  kind?: SiteKind;

  @ApiPropertyOptional({ type: Boolean })
  @Omittable()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'publicSecurityPresent must be true or false' })
  publicSecurityPresent?: boolean;
}

export class SiteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SITE_KINDS }) kind: SiteKind;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ type: SiteLocationDto, nullable: true }) location: SiteLocationDto | null;
  @ApiProperty({ type: MemberOrganisationDto }) operatorOrganisation: MemberOrganisationDto;
  @ApiProperty() publicSecurityPresent: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SitePageDto extends PageOf(SiteDto) {}
