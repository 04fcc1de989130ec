import { Controller, Get, Injectable, Param } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, PgRow, UuidParam } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import {
  DECISION_OUTCOMES,
  DecisionOutcome,
  EQUIPMENT_STATUSES,
  EquipmentStatus,
} from './equipment/equipment-status';
import { CONTRIBUTION_KINDS, ContributionKind } from './dto/contribution.dto';

class ImplementingProgrammeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) clauseKey: string | null;
}

class ImplementingDecisionDto {
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome: DecisionOutcome;
  @ApiProperty({ enum: EQUIPMENT_STATUSES }) status: EquipmentStatus;
  @ApiProperty({ nullable: true, type: String }) clauseKey: string | null;
  @ApiProperty() decidedAt: string;
}

class ImplementingContributionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONTRIBUTION_KINDS }) kind: ContributionKind;
  @ApiProperty({ nullable: true, type: String }) clauseKey: string | null;
  @ApiProperty() periodFrom: string;
}

export class AgreementImplementationsDto {
  @ApiProperty({ type: [ImplementingProgrammeDto] }) trainingProgrammes: ImplementingProgrammeDto[];
  @ApiProperty({ type: [ImplementingDecisionDto], description: 'Only the requests the caller may see' })
  equipmentDecisions: ImplementingDecisionDto[];
  @ApiProperty({
    type: [ImplementingContributionDto],
    description: 'Only the contributions the caller may see',
  })
  contributions: ImplementingContributionDto[];
}

// What cites an agreement (and clause) as the one it implements, over what the caller may see.
@Injectable()
export class AgreementImplementationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
  ) {}

  async list(userId: string, agreementId: string): Promise<AgreementImplementationsDto> {
    const { actor } = await this.access.requireAgreement(userId, agreementId, 'summary');
    const [programmes, decisions, contributions] = await Promise.all([
      this.ds.query(
        `SELECT id, title, clause_key FROM training_programmes WHERE agreement_id = $1 ORDER BY created_at, id`,
        [agreementId],
      ),
      this.ds.query(
        `SELECT r.id, r.decision_outcome, r.status, r.decision_clause_key, r.decided_at FROM equipment_requests r
         WHERE r.decision_agreement_id = $1 AND ${this.access.equipmentRequestVisibilitySql('r', '$2')} ORDER BY r.decided_at, r.id`,
        [agreementId, actor.organisationId],
      ),
      this.ds.query(
        `SELECT c.id, c.kind, c.clause_key, to_char(c.period_from, 'YYYY-MM-DD') AS period_from FROM contributions c
         WHERE c.agreement_id = $1 AND ${this.access.contributionVisibilitySql('c', '$2')} ORDER BY c.period_from, c.id`,
        [agreementId, actor.organisationId],
      ),
    ]);
    return {
      trainingProgrammes: programmes.map((p: PgRow) => ({
        id: p.id,
        title: p.title,
        clauseKey: p.clause_key,
      })),
      equipmentDecisions: decisions.map((d: PgRow) => ({
        requestId: d.id,
        outcome: d.decision_outcome,
        status: d.status,
        clauseKey: d.decision_clause_key,
        decidedAt: new Date(d.decided_at).toISOString(),
      })),
      contributions: contributions.map((c: PgRow) => ({
        id: c.id,
        kind: c.kind,
        clauseKey: c.clause_key,
        periodFrom: c.period_from,
      })),
    };
  }
}

@ApiTags('agreements')
@Controller('agreements/:agreementId/implementations')
export class AgreementImplementationsController {
  constructor(private readonly implementations: AgreementImplementationsService) {}

  @Get()
  @Endpoint({
    summary: 'Training programmes, equipment decisions and contributions that cite this agreement',
    type: AgreementImplementationsDto,
  })
  list(@CurrentUser() user: AuthUser, @Param('agreementId', new UuidParam('Agreement')) id: string) {
    return this.implementations.list(user.id, id);
  }
}
