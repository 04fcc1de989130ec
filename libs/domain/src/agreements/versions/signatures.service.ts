import { Injectable } from '@nestjs/common';
import { ConflictProblem, ForbiddenProblem } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../../access/group-access.policy';
import { ChangeRecorder } from '../../events/change-recorder';
import { fail, todayIn } from '../agreement-checks';
import { AgreementLifecycle } from '../agreement-lifecycle';
import { AgreementStatus } from '../agreement-status';
import { SignatureInputDto, VersionDto } from '../dto/version.dto';
import { versionDetail } from './version-store';
import { AgreementVersionsService, assertNotTerminal } from './versions.service';

// Signatures of an agreed version. When every party whose signature is required has signed, the
// agreement is signed (and enters into force on effectiveFrom, by the worker); a revised version
// signed by all brings an agreement under review back into force.
@Injectable()
export class AgreementSignaturesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly lifecycle: AgreementLifecycle,
    private readonly versions: AgreementVersionsService,
  ) {}

  async sign(userId: string, versionId: string, dto: SignatureInputDto): Promise<VersionDto> {
    return this.ds.transaction(async (em) => {
      const { actor, agreement, version } = await this.versions.scope(em, userId, versionId, { lock: true });
      this.access.assertAgreement(actor, agreement, 'sign');
      assertNotTerminal(agreement);
      if (version.status !== 'agreed')
        throw new ConflictProblem(
          version.status === 'superseded'
            ? `Version ${version.number} has been superseded by a later agreed version`
            : `Only an agreed version is signed; version ${version.number} is ${version.status}`,
        );
      const [party] = await em.query(
        `SELECT id, organisation_id FROM agreement_parties WHERE id = $1 AND agreement_id = $2`,
        [dto.partyId.toLowerCase(), agreement.id],
      );
      if (!party) fail([{ field: 'partyId', message: 'no such party to this agreement' }]);
      // A paper act (wet ink, exchange of letters) may be recorded by any party's member; an
      // electronic signature only by a member of the signing party.
      if (dto.method === 'electronic' && party.organisation_id !== actor.organisationId)
        throw new ForbiddenProblem('An electronic signature is recorded by a member of the signing party');
      const today = await todayIn(em, agreement.groupId);
      if (dto.signedOn > today) fail([{ field: 'signedOn', message: `must not be after today (${today})` }]);
      const inserted = await em.query(
        `INSERT INTO agreement_signatures (version_id, party_id, signatory_name, signatory_title, signed_on, method, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (version_id, party_id) DO NOTHING RETURNING id`,
        [versionId, party.id, dto.signatoryName, dto.signatoryTitle, dto.signedOn, dto.method, userId],
      );
      if (!inserted.length) throw new ConflictProblem('This party has already signed this version');
      const [state] = await em.query(
        `SELECT count(*) FILTER (WHERE p.signature_required AND s.id IS NULL)::int AS missing,
                to_char(max(s.signed_on), 'YYYY-MM-DD') AS last_signed_on
         FROM agreement_parties p LEFT JOIN agreement_signatures s ON s.party_id = p.id AND s.version_id = $2
         WHERE p.agreement_id = $1`,
        [agreement.id, versionId],
      );
      const base = { agreementId: agreement.id, versionId, number: version.number, partyId: party.id };
      if (state.missing > 0) {
        await this.changes.record(em, {
          groupId: agreement.groupId,
          type: 'agreement.updated',
          entityType: 'agreement',
          entityId: agreement.id,
          actorUserId: userId,
          scope: { kind: 'agreement', id: agreement.id },
          data: { ...base, change: 'signature_recorded', missingSignatures: state.missing },
          audit: { versionId, partyId: party.id, method: dto.method },
        });
        return versionDetail(em, versionId);
      }
      const status = agreement.status as AgreementStatus;
      const ref = { ...agreement, status };
      if (status === 'negotiating') {
        // effectiveFrom defaults to the day the last party signed.
        await em.query(
          `UPDATE agreements SET signed_on = $2, effective_from = coalesce(effective_from, $2::date) WHERE id = $1`,
          [agreement.id, state.last_signed_on],
        );
        await this.lifecycle.transition(em, ref, 'signed', 'system', {
          actorUserId: userId,
          reason: `Signed by every party (version ${version.number})`,
        });
      } else {
        await em.query(`UPDATE agreements SET signed_on = $2 WHERE id = $1`, [
          agreement.id,
          state.last_signed_on,
        ]);
        if (status === 'under_review')
          await this.lifecycle.transition(em, ref, 'in_force', 'system', {
            actorUserId: userId,
            reason: `Revised version ${version.number} signed by every party`,
          });
      }
      await this.changes.record(em, {
        groupId: agreement.groupId,
        type: 'agreement.signed',
        entityType: 'agreement',
        entityId: agreement.id,
        actorUserId: userId,
        scope: { kind: 'agreement', id: agreement.id },
        data: { ...base, signedOn: state.last_signed_on },
        audit: { versionId, signedOn: state.last_signed_on },
      });
      await this.lifecycle.notifyParties(em, agreement, {
        type: 'agreement.signed',
        message: { title: 'notification.agreement.signed.title', params: { title: agreement.title } },
        data: { agreementId: agreement.id, versionId, signedOn: state.last_signed_on },
        dedupeKey: `agreement-signed:${versionId}`,
      });
      return versionDetail(em, versionId);
    });
  }
}
