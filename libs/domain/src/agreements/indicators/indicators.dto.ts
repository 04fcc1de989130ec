import { ApiProperty } from '@nestjs/swagger';
import { CATALOGUE_KEYS } from '../catalogue/agreement-clauses.catalogue';

export class SiteIndicatorsDto {
  @ApiProperty({ description: 'Sites where public security forces are present' }) withPublicSecurity: number;
  @ApiProperty({ description: '… of which covered by an agreement in force the caller may see' })
  withAgreementInForce: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'withAgreementInForce ÷ withPublicSecurity (3 decimals)',
  })
  share: number | null;
}

export class ClauseCoverageDto {
  @ApiProperty({ enum: CATALOGUE_KEYS }) key: string;
  @ApiProperty({ description: 'Agreements in force whose current version covers the key' })
  agreements: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of the agreements in force (3 decimals)' })
  share: number | null;
}

export class ObligationIndicatorsDto {
  @ApiProperty() total: number;
  @ApiProperty() met: number;
  @ApiProperty() overdue: number;
}

export class NonComplianceIndicatorsDto {
  @ApiProperty({ description: 'Not resolved, unresolved or dismissed yet' }) open: number;
  @ApiProperty() closed: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median days from report to acknowledgement (1 decimal)',
  })
  medianDaysToAcknowledge: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median days from report to resolution (1 decimal)',
  })
  medianDaysToResolve: number | null;
}

export class AgreementIndicatorsDto {
  @ApiProperty({ description: 'Visible agreements in force (status in_force or under_review)' })
  agreementsInForce: number;
  @ApiProperty({ type: SiteIndicatorsDto }) sites: SiteIndicatorsDto;
  @ApiProperty({
    type: [ClauseCoverageDto],
    description: 'Clause coverage a)–j) over the agreements in force',
  })
  clauseCoverage: ClauseCoverageDto[];
  @ApiProperty({ description: 'Visible agreements whose review is overdue' }) reviewsOverdue: number;
  @ApiProperty({ type: ObligationIndicatorsDto, description: 'Over obligations the caller may read' })
  obligations: ObligationIndicatorsDto;
  @ApiProperty({ type: NonComplianceIndicatorsDto, description: 'Over reports the caller may see' })
  nonCompliance: NonComplianceIndicatorsDto;
}
