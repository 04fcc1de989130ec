import { Injectable } from '@nestjs/common';
import { NotFoundProblem } from '@roundtable/core';
import type { EntityManager } from 'typeorm';
import { mayOnAgreement, mayOnNonCompliance } from '../../access/agreement-rules';
import { GroupAccessPolicy, hasPower, mayOnIncident } from '../../access/group-access.policy';
import type { AttachmentOwner, ResolvedOwner } from './attachment-owner';

// The owner kinds of this module. Each loads its object through GroupAccessPolicy, so an
// attachment has exactly the owner's 404s; docs/files.md shows how to add a kind.

@Injectable()
export class IncidentAttachmentOwner implements AttachmentOwner {
  readonly kind = 'incidents';
  readonly label = 'Incident';
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(em: EntityManager, userId: string, id: string): Promise<ResolvedOwner> {
    const { actor, incident } = await this.access.requireIncident(userId, id, em);
    return {
      actor,
      groupId: incident.groupId,
      scope: { kind: 'incident', id: incident.id },
      confidentiality: incident.confidentiality,
      mayAttach: mayOnIncident(actor, incident, 'post_update'),
      mayManage: mayOnIncident(actor, incident, 'edit'),
      forbiddenDetail: 'Observers may not add files to an incident',
      ...(incident.anonymous ? { anonymousReporterOrganisationId: incident.reporterOrganisationId } : {}),
    };
  }
}

@Injectable()
export class IncidentUpdateAttachmentOwner implements AttachmentOwner {
  readonly kind = 'incident-updates';
  readonly label = 'Incident update';
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(em: EntityManager, userId: string, id: string): Promise<ResolvedOwner> {
    const [row] = await em.query(`SELECT incident_id, author_user_id FROM incident_updates WHERE id = $1`, [
      id,
    ]);
    if (!row) throw new NotFoundProblem(this.label);
    const { actor, incident } = await this.access
      .requireIncident(userId, row.incident_id, em)
      .catch((err: unknown) => {
        throw err instanceof NotFoundProblem ? new NotFoundProblem(this.label) : err;
      });
    const editor = mayOnIncident(actor, incident, 'edit');
    return {
      actor,
      groupId: incident.groupId,
      scope: { kind: 'incident', id: incident.id },
      confidentiality: incident.confidentiality,
      mayAttach: hasPower(actor, 'contribute') && (row.author_user_id === userId || editor),
      mayManage: editor,
      forbiddenDetail: 'Only the author of an update (or the reporting organisation) may add files to it',
      ...(incident.anonymous ? { anonymousReporterOrganisationId: incident.reporterOrganisationId } : {}),
    };
  }
}

// Files of a meeting's minutes (`meetings/{meetingId}/attachments`): seen by every member, added
// by those who edit the minutes; approved minutes are frozen.
@Injectable()
export class MinutesAttachmentOwner implements AttachmentOwner {
  readonly kind = 'meetings';
  readonly label = 'Meeting';
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(em: EntityManager, userId: string, id: string): Promise<ResolvedOwner> {
    const { actor, meeting } = await this.access.requireMeeting(userId, id, 'read', em);
    const [minutes] = await em.query(`SELECT status FROM minutes WHERE meeting_id = $1`, [id]);
    return {
      actor,
      groupId: meeting.groupId,
      scope: null,
      mayAttach: hasPower(actor, 'manage'),
      mayManage: hasPower(actor, 'manage'),
      forbiddenDetail: 'Only the focal point or a co-chair may add files to the minutes',
      frozenDetail:
        minutes?.status === 'approved'
          ? 'The minutes are approved; their files can no longer change'
          : undefined,
    };
  }
}

// Signed copies and other files of one agreement version: as visible as the agreement's content.
@Injectable()
export class AgreementVersionAttachmentOwner implements AttachmentOwner {
  readonly kind = 'agreement-versions';
  readonly label = 'Agreement version';
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(em: EntityManager, userId: string, id: string): Promise<ResolvedOwner> {
    const [row] = await em.query(`SELECT agreement_id FROM agreement_versions WHERE id = $1`, [id]);
    if (!row) throw new NotFoundProblem(this.label);
    const { actor, agreement } = await this.access.requireAgreement(userId, row.agreement_id, 'full', em, {
      notFound: this.label,
    });
    const party = mayOnAgreement(actor, agreement, 'edit');
    return {
      actor,
      groupId: agreement.groupId,
      scope: { kind: 'agreement_content', id: agreement.id },
      mayAttach: party || mayOnAgreement(actor, agreement, 'sign'),
      mayManage: party,
      forbiddenDetail: 'Only members of a party organisation may add files to an agreement version',
    };
  }
}

@Injectable()
export class NonComplianceAttachmentOwner implements AttachmentOwner {
  readonly kind = 'non-compliance';
  readonly label = 'Non-compliance report';
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(em: EntityManager, userId: string, id: string): Promise<ResolvedOwner> {
    const { actor, report } = await this.access.requireNonCompliance(userId, id, em);
    const ownOrganisation = actor.organisationId === report.reporterOrganisationId;
    return {
      actor,
      groupId: report.groupId,
      scope: { kind: 'non_compliance', id: report.id },
      mayAttach: hasPower(actor, 'contribute'),
      mayManage:
        (ownOrganisation && hasPower(actor, 'contribute')) || mayOnNonCompliance(actor, report, 'advance'),
      forbiddenDetail: 'Observers may not add files to a non-compliance report',
      ...(report.anonymous ? { anonymousReporterOrganisationId: report.reporterOrganisationId } : {}),
    };
  }
}

// A progress report on a recommendation (its timeline entry of kind `progress`).
@Injectable()
export class RecommendationProgressAttachmentOwner implements AttachmentOwner {
  readonly kind = 'recommendation-progress';
  readonly label = 'Progress report';
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(em: EntityManager, userId: string, id: string): Promise<ResolvedOwner> {
    const [row] = await em.query(
      `SELECT r.group_id, t.author_user_id FROM recommendation_timeline t
       JOIN recommendations r ON r.id = t.recommendation_id WHERE t.id = $1 AND t.kind = 'progress'`,
      [id],
    );
    if (!row) throw new NotFoundProblem(this.label);
    const actor = await this.access.require(userId, row.group_id, 'read', em, this.label);
    return {
      actor,
      groupId: row.group_id,
      scope: null,
      mayAttach:
        hasPower(actor, 'contribute') && (row.author_user_id === userId || hasPower(actor, 'manage')),
      mayManage: hasPower(actor, 'manage'),
      forbiddenDetail:
        'Only the author of a progress report, the focal point or a co-chair may add files to it',
    };
  }
}

export const CORE_ATTACHMENT_OWNERS = [
  IncidentAttachmentOwner,
  IncidentUpdateAttachmentOwner,
  MinutesAttachmentOwner,
  AgreementVersionAttachmentOwner,
  NonComplianceAttachmentOwner,
  RecommendationProgressAttachmentOwner,
];
