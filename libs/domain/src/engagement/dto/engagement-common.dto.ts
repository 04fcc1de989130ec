import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_KINDS, OrganisationKind } from '../../organisations/organisation.entity';

export class EngagementOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty() verified: boolean;
}

export class AgreementCitationDto {
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'd' }) clauseKey: string | null;
}
