import { trimString } from '@roundtable/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { MemberOrganisationDto } from '../../members/dto/member.dto';
import { CONSTITUENCIES, Constituency } from '../co-chair-rules';

export class AppointCoChairDto {
  @ApiProperty({ format: 'uuid', description: 'The membership (member id) to appoint' })
  @IsUUID('all', { message: 'memberId must be a UUID' })
  memberId: string;

  @ApiProperty({ enum: CONSTITUENCIES })
  @IsIn(CONSTITUENCIES, { message: `constituency must be one of: ${CONSTITUENCIES.join(', ')}` })
  constituency: Constituency;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-01-05',
    description: "Defaults to today in the group's time zone; may not lie in the future",
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startsOn must be a valid calendar date' })
  startsOn?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'Hand over: end the sitting term(s) that block this appointment in the same transaction — a term of the same organisation, ' +
      'and the term of the same constituency (under any_two_organisations: of the same constituency, else the longest-serving, when two sit)',
  })
  @IsOptional()
  @IsBoolean()
  replace?: boolean;
}

export class EndCoChairTermDto {
  @ApiProperty({ example: 'End of the two-year mandate' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class CoChairTermDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ format: 'uuid', description: 'The membership the term is held through' }) memberId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ type: MemberOrganisationDto }) organisation: MemberOrganisationDto;
  @ApiProperty({ enum: CONSTITUENCIES }) constituency: Constituency;
  @ApiProperty({
    enum: ['company_and_civil_society', 'any_two_organisations'],
    description: 'The group policy the term was appointed under',
  })
  appointedUnder: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ description: 'True while the term has not ended' }) sitting: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endReason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) appointedBy: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) endedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CoChairAppointmentDto extends CoChairTermDto {
  @ApiProperty({
    type: [String],
    description: 'Terms ended by this appointment (a handover with replace: true)',
  })
  replacedTermIds: string[];
}

export class CoChairTermsDto {
  @ApiProperty({ type: [CoChairTermDto], description: 'Sitting terms, oldest first' })
  current: CoChairTermDto[];
  @ApiProperty({ type: [CoChairTermDto], description: 'Ended terms, most recently ended first' })
  past: CoChairTermDto[];
}
