import { Injectable } from '@nestjs/common';
import { NotFoundProblem } from '@roundtable/core';
import type { EntityManager } from 'typeorm';
import { mayKeepTraining, mayOnEquipmentRequest } from '../../access/engagement-rules';
import { GroupAccessPolicy } from '../../access/group-access.policy';
import type { AttachmentOwner, ResolvedOwner } from './attachment-owner';

// Owner kinds of engagement with public security (issue 20). Like the core kinds, each loads its
// object through GroupAccessPolicy and the engagement rules the owner's own routes use.

// A recorded training session (typically its signed attendance sheet): seen by every member of the
// group, like the programme; files added by those who may record sessions (mayKeepTraining).
@Injectable()
export class TrainingSessionAttachmentOwner implements AttachmentOwner {
  readonly kind = 'training-sessions';
  readonly label = 'Training session';
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(em: EntityManager, userId: string, id: string): Promise<ResolvedOwner> {
    const [row] = await em.query(
      `SELECT p.group_id, p.created_by_organisation_id, p.agency_organisation_id, p.provider_organisation_id
       FROM training_sessions ts JOIN training_programmes p ON p.id = ts.programme_id WHERE ts.id = $1`,
      [id],
    );
    if (!row) throw new NotFoundProblem(this.label);
    const actor = await this.access.require(userId, row.group_id, 'read', em, this.label);
    const keeper = mayKeepTraining(actor, {
      createdByOrganisationId: row.created_by_organisation_id,
      agencyOrganisationId: row.agency_organisation_id,
      providerOrganisationId: row.provider_organisation_id,
    });
    return {
      actor,
      groupId: row.group_id,
      scope: null,
      mayAttach: keeper,
      mayManage: keeper,
      forbiddenDetail:
        'Only the organisation that set up the programme, the agency, the provider, the focal point or a co-chair may add files to a training session',
    };
  }
}

// A monitoring entry of an equipment request (`equipment-monitoring/{entryId}`): exactly as visible
// as the request (the deciding company, the requester and those it is shared with), its events and
// audit rows scoped `equipment_request`; files added by those who may record monitoring.
@Injectable()
export class EquipmentMonitoringAttachmentOwner implements AttachmentOwner {
  readonly kind = 'equipment-monitoring';
  readonly label = 'Monitoring entry';
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(em: EntityManager, userId: string, id: string): Promise<ResolvedOwner> {
    const [row] = await em.query(`SELECT request_id FROM equipment_monitoring_entries WHERE id = $1`, [id]);
    if (!row) throw new NotFoundProblem(this.label);
    const { actor, request } = await this.access
      .requireEquipmentRequest(userId, row.request_id, em)
      .catch((err: unknown) => {
        throw err instanceof NotFoundProblem ? new NotFoundProblem(this.label) : err;
      });
    const monitor = mayOnEquipmentRequest(actor, request, 'monitor');
    return {
      actor,
      groupId: request.groupId,
      scope: { kind: 'equipment_request', id: request.id },
      mayAttach: monitor,
      mayManage: monitor,
      forbiddenDetail:
        'Only the deciding company or the requesting organisation may add files to a monitoring entry',
    };
  }
}

// An equipment request itself (`equipment-requests/{requestId}`, the kind DESIGN names): the
// request letter, the signed handover receipt, photos of what was handed over. Exactly as visible
// as the request, scoped `equipment_request`; files added by the deciding company or the requester.
@Injectable()
export class EquipmentRequestAttachmentOwner implements AttachmentOwner {
  readonly kind = 'equipment-requests';
  readonly label = 'Equipment request';
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(em: EntityManager, userId: string, id: string): Promise<ResolvedOwner> {
    const { actor, request } = await this.access.requireEquipmentRequest(userId, id, em);
    const party = mayOnEquipmentRequest(actor, request, 'monitor');
    return {
      actor,
      groupId: request.groupId,
      scope: { kind: 'equipment_request', id: request.id },
      mayAttach: party,
      mayManage: party,
      forbiddenDetail: 'Only the deciding company or the requesting organisation may add files to an equipment request',
    };
  }
}

export const ENGAGEMENT_ATTACHMENT_OWNERS = [
  TrainingSessionAttachmentOwner,
  EquipmentRequestAttachmentOwner,
  EquipmentMonitoringAttachmentOwner,
];
