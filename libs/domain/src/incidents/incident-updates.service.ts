import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  decodeCursor,
  isUuid,
  Page,
  pageLimit,
  PageQuery,
  toPage,
} from '@roundtable/core';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy, statusChangeNeedsReason } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { CreateIncidentUpdateDto, IncidentAccessLogEntryDto, IncidentUpdateDto } from './dto/incident.dto';
import { INCIDENT_UPDATE_SELECT, logIncidentReads, toIncidentUpdate } from './incident-view';

interface AccessLogRow {
  id: string;
  user_id: string;
  display_name: string;
  organisation_id: string;
  organisation_name: string;
  organisation_verified: boolean;
  action: IncidentAccessLogEntryDto['action'];
  at: Date;
}

// The updates thread of an incident and its access log. Both are reached only through
// requireIncident, so they inherit the incident's visibility.
@Injectable()
export class IncidentUpdatesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async post(userId: string, incidentId: string, dto: CreateIncidentUpdateDto): Promise<IncidentUpdateDto> {
    return this.ds.transaction(async (em) => {
      const { actor, incident } = await this.access.requireIncident(userId, incidentId, em, true);
      this.access.assertIncident(actor, incident, 'post_update');
      if (dto.reason !== undefined && dto.status === undefined)
        throw new BadRequestProblem('reason: give a reason only with a status change', [
          { field: 'reason', message: 'give a reason only with a status change' },
        ]);
      if (dto.status !== undefined) {
        this.access.assertIncident(actor, incident, 'change_status');
        if (statusChangeNeedsReason(actor, incident) && !dto.reason)
          throw new BadRequestProblem(
            'reason: required when someone outside the reporting organisation changes the status',
            [
              {
                field: 'reason',
                message: 'required when someone outside the reporting organisation changes the status',
              },
            ],
          );
      }
      const [row] = await em.query(
        `INSERT INTO incident_updates (incident_id, author_user_id, author_organisation_id, body, status, status_reason)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [incidentId, userId, actor.organisationId, dto.body, dto.status ?? null, dto.reason ?? null],
      );
      await em.query(
        `UPDATE incidents SET status = coalesce($2, status), version = version + CASE WHEN $2::text IS NULL THEN 0 ELSE 1 END,
           updated_at = now() WHERE id = $1`,
        [incidentId, dto.status ?? null],
      );
      // Seen from outside, the reporting organisation's own updates on an anonymous incident are
      // unattributed — in the event, in the audit trail and in responses.
      const attributed = !incident.anonymous || actor.organisationId !== incident.reporterOrganisationId;
      await this.changes.record(em, {
        groupId: incident.groupId,
        type: 'incident.updated',
        entityType: 'incident',
        entityId: incidentId,
        incidentId,
        actorUserId: attributed ? userId : null,
        data: {
          incidentId,
          updateId: row.id,
          ...(dto.status ? { status: dto.status } : {}),
          ...(attributed ? { authorUserId: userId, authorOrganisationId: actor.organisationId } : {}),
        },
        audit: {
          updateId: row.id,
          ...(dto.status ? { status: dto.status, withReason: dto.reason !== undefined } : {}),
        },
      });
      const [view] = await em.query(`${INCIDENT_UPDATE_SELECT} WHERE iu.id = $1`, [row.id]);
      return toIncidentUpdate(view, incident, actor.organisationId);
    });
  }

  // Oldest first, as a thread reads.
  async list(userId: string, incidentId: string, q: PageQuery): Promise<Page<IncidentUpdateDto>> {
    const { actor, incident } = await this.access.requireIncident(userId, incidentId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [incidentId, limit + 1];
    let keyset = '';
    if (cursor) {
      if (typeof cursor[0] !== 'string' || Number.isNaN(Date.parse(cursor[0])) || !isUuid(cursor[1])) {
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      }
      params.push(cursor[0], cursor[1]);
      keyset = `AND (iu.created_at, iu.id) > ($3::timestamptz, $4::uuid)`;
    }
    const rows = await this.ds.query(
      `${INCIDENT_UPDATE_SELECT} WHERE iu.incident_id = $1 ${keyset} ORDER BY iu.created_at, iu.id LIMIT $2`,
      params,
    );
    const page = toPage(
      rows,
      limit,
      (r: { created_key: string; id: string }) => [r.created_key, r.id],
      (r) => toIncidentUpdate(r, incident, actor.organisationId),
    );
    await logIncidentReads(
      this.ds.manager,
      [{ incidentId, confidentiality: incident.confidentiality }],
      actor,
      'view_updates',
    );
    return page;
  }

  // Who read this (restricted) incident and when, newest first — for its reporting organisation.
  async accessLog(
    userId: string,
    incidentId: string,
    q: PageQuery,
  ): Promise<Page<IncidentAccessLogEntryDto>> {
    const { actor, incident } = await this.access.requireIncident(userId, incidentId);
    this.access.assertIncident(actor, incident, 'read_access_log');
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 1);
    const params: unknown[] = [incidentId, limit + 1];
    let keyset = '';
    if (cursor) {
      if (typeof cursor[0] !== 'string' || !/^\d{1,19}$/.test(cursor[0])) {
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      }
      params.push(cursor[0]);
      keyset = `AND l.id < $3::bigint`;
    }
    const rows = await this.ds.query(
      `SELECT l.id, l.user_id, u.display_name, l.organisation_id, o.name AS organisation_name,
              o.verified AS organisation_verified, l.action, l.at
       FROM incident_access_log l JOIN users u ON u.id = l.user_id JOIN organisations o ON o.id = l.organisation_id
       WHERE l.incident_id = $1 ${keyset} ORDER BY l.id DESC LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: AccessLogRow) => [String(r.id)],
      (r: AccessLogRow) => ({
        id: String(r.id),
        userId: r.user_id,
        displayName: r.display_name,
        organisation: { id: r.organisation_id, name: r.organisation_name, verified: r.organisation_verified },
        action: r.action,
        at: new Date(r.at).toISOString(),
      }),
    );
  }
}
