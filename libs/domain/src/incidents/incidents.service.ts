import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  ConflictProblem,
  decodeCursor,
  FieldError,
  isUuid,
  limitPlusOneSql,
  NotFoundProblem,
  Page,
  pageLimit,
  toPage,
} from '@roundtable/core';
import { preparedQuery } from '@roundtable/database';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { GroupWriters } from '../events/group-writers';
import { CreateIncidentDto, IncidentDto, IncidentQuery, UpdateIncidentDto } from './dto/incident.dto';
import { INCIDENT_SELECT, insertedIncidentSelect, logIncidentReads, toIncident } from './incident-view';
import { IncidentConfidentiality } from './incident.entity';

// Fields a PATCH may change, with their columns (location, casualties and shares are special).
const SIMPLE_FIELDS = {
  title: 'title',
  description: 'description',
  occurredAt: 'occurred_at',
  category: 'category',
  severity: 'severity',
  actors: 'actors',
  allegedHumanRightsAbuse: 'alleged_human_rights_abuse',
  confidentiality: 'confidentiality',
  anonymous: 'anonymous',
} as const satisfies Partial<Record<keyof UpdateIncidentDto, string>>;

@Injectable()
export class IncidentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly writers: GroupWriters,
  ) {}

  // Reports come in bursts during an incident, many members at once: at most a few of a group's
  // enter Postgres together (GroupWriters); they would queue on the group's event row anyway.
  async report(userId: string, groupId: string, dto: CreateIncidentDto): Promise<IncidentDto> {
    return this.writers.run(groupId, () => this.reportNow(userId, groupId, dto));
  }

  private reportNow(userId: string, groupId: string, dto: CreateIncidentDto): Promise<IncidentDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'contribute', em);
      const shares = await this.checkShares(
        em,
        actor,
        dto.confidentiality,
        dto.sharedWithOrganisationIds ?? [],
      );
      const anonymous = dto.anonymous ?? false;
      const insert = `INSERT INTO incidents (group_id, reporter_user_id, reporter_organisation_id, title, description, occurred_at,
           location_name, lat, lng, category, severity, actors, alleged_human_rights_abuse, injured, killed, confidentiality, anonymous)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`;
      const values = [
        groupId,
        userId,
        actor.organisationId,
        dto.title,
        dto.description,
        new Date(dto.occurredAt).toISOString(),
        dto.location.name,
        dto.location.lat ?? null,
        dto.location.lng ?? null,
        dto.category,
        dto.severity,
        dto.actors ?? [],
        dto.allegedHumanRightsAbuse ?? false,
        dto.casualties?.injured ?? 0,
        dto.casualties?.killed ?? 0,
        dto.confidentiality,
        anonymous,
      ];
      let view: IncidentDto;
      if (shares.length === 0) {
        // Most reports: inserted and read back as the API shows it in one statement.
        const [inserted] = await preparedQuery(em, insertedIncidentSelect(`${insert} RETURNING *`), values);
        view = toIncident(inserted, actor.organisationId);
      } else {
        const [inserted] = await preparedQuery(em, `${insert} RETURNING id`, values);
        await this.insertShares(em, inserted.id, shares);
        view = await this.view(em, inserted.id, actor);
      }
      const row = { id: view.id };
      // Last: recording takes the group's row lock, held until COMMIT.
      await this.changes.record(em, {
        groupId,
        type: 'incident.reported',
        entityType: 'incident',
        entityId: row.id,
        incidentId: row.id,
        // An anonymous report is not attributed in the audit trail either (the incident row keeps
        // the reporter for the reporting organisation).
        actorUserId: anonymous ? null : userId,
        data: {
          incidentId: row.id,
          title: dto.title,
          category: dto.category,
          severity: dto.severity,
          confidentiality: dto.confidentiality,
          anonymous,
          status: 'open',
          ...(anonymous ? {} : { reporterUserId: userId, reporterOrganisationId: actor.organisationId }),
        },
        audit: { confidentiality: dto.confidentiality, anonymous, sharedWithOrganisationIds: shares },
      });
      return view;
    });
  }

  async list(userId: string, groupId: string, q: IncidentQuery): Promise<Page<IncidentDto>> {
    const actor = await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [groupId, actor.organisationId];
    const where = [`i.group_id = $1`, this.access.incidentVisibilitySql('i', '$2')];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.severity) add((p) => `i.severity = ${p}`, q.severity);
    if (q.category) add((p) => `i.category = ${p}`, q.category);
    if (q.status) add((p) => `i.status = ${p}`, q.status);
    if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) {
      throw new BadRequestProblem('to: must be later than from', [
        { field: 'to', message: 'must be later than from' },
      ]);
    }
    if (q.from) add((p) => `i.occurred_at >= ${p}::timestamptz`, parseInstant(q.from, 'from'));
    if (q.to) add((p) => `i.occurred_at < ${p}::timestamptz`, parseInstant(q.to, 'to'));
    if (q.q) add((p) => `i.search_tsv @@ websearch_to_tsquery('simple', unaccent(${p}))`, q.q);
    if (cursor) {
      if (
        typeof cursor[0] !== 'string' ||
        typeof cursor[1] !== 'string' ||
        Number.isNaN(Date.parse(cursor[0])) ||
        !isUuid(cursor[1])
      ) {
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      }
      params.push(cursor[0], cursor[1]);
      where.push(`(i.created_at, i.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    // Newest reports first; new reports land before the first page, so paging never skips or
    // repeats a row that existed when the first page was read.
    const rows = await preparedQuery(
      this.ds,
      `${INCIDENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.created_at DESC, i.id DESC ${limitPlusOneSql(limit)}`,
      params,
    );
    const page = toPage(
      rows,
      limit,
      (r: { created_key: string; id: string }) => [r.created_key, r.id],
      (r) => toIncident(r, actor.organisationId),
    );
    await logIncidentReads(
      this.ds.manager,
      page.items.map((i) => ({ incidentId: i.id, confidentiality: i.confidentiality })),
      actor,
      'list',
    );
    return page;
  }

  async get(userId: string, incidentId: string): Promise<IncidentDto> {
    const { actor, incident } = await this.access.requireIncident(userId, incidentId);
    const dto = await this.view(this.ds.manager, incidentId, actor);
    await logIncidentReads(
      this.ds.manager,
      [{ incidentId, confidentiality: incident.confidentiality }],
      actor,
      'view',
    );
    return dto;
  }

  // Reporting organisation only. Visibility changes (confidentiality, shares) take effect at once:
  // every read evaluates the predicate against the current rows.
  async update(userId: string, incidentId: string, dto: UpdateIncidentDto): Promise<IncidentDto> {
    return this.ds.transaction(async (em) => {
      const { actor, incident } = await this.access.requireIncident(userId, incidentId, em, true);
      this.access.assertIncident(actor, incident, 'edit');
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== incident.version) {
        throw new ConflictProblem('The incident has changed since you read it', {
          currentVersion: incident.version,
        });
      }
      if (dto.anonymous === true && !incident.anonymous) {
        throw new BadRequestProblem('anonymous: an incident reported openly cannot become anonymous', [
          { field: 'anonymous', message: 'an incident reported openly cannot become anonymous' },
        ]);
      }
      const [current] = await em.query(`SELECT * FROM incidents WHERE id = $1`, [incidentId]);
      const currentShares: string[] = (
        await em.query(
          `SELECT organisation_id FROM incident_shares WHERE incident_id = $1 ORDER BY organisation_id`,
          [incidentId],
        )
      ).map((r: { organisation_id: string }) => r.organisation_id);
      const confidentiality: IncidentConfidentiality = dto.confidentiality ?? current.confidentiality;
      // Going to "group" drops the share list; otherwise it stays unless replaced (only a new list
      // is checked: an organisation that has since left the group keeps its share until removed).
      const shares =
        dto.sharedWithOrganisationIds !== undefined
          ? await this.checkShares(em, actor, confidentiality, dto.sharedWithOrganisationIds)
          : confidentiality === 'group'
            ? []
            : currentShares;

      const sets: string[] = [];
      const params: unknown[] = [incidentId];
      const changed: string[] = [];
      const set = (column: string, value: unknown, field: string, same: boolean) => {
        if (same) return;
        params.push(value);
        sets.push(`${column} = $${params.length}`);
        changed.push(field);
      };
      for (const [field, column] of Object.entries(SIMPLE_FIELDS) as [keyof typeof SIMPLE_FIELDS, string][]) {
        const value = dto[field];
        if (value === undefined) continue;
        const next = field === 'occurredAt' ? new Date(value as string).toISOString() : value;
        const before = field === 'occurredAt' ? new Date(current.occurred_at).toISOString() : current[column];
        set(column, next, field, JSON.stringify(before) === JSON.stringify(next));
      }
      if (dto.location) {
        const loc = dto.location;
        const same =
          loc.name === current.location_name &&
          (loc.lat ?? null) === current.lat &&
          (loc.lng ?? null) === current.lng;
        if (!same) {
          params.push(loc.name, loc.lat ?? null, loc.lng ?? null);
          sets.push(
            `location_name = $${params.length - 2}, lat = $${params.length - 1}, lng = $${params.length}`,
          );
          changed.push('location');
        }
      }
      if (
        dto.casualties &&
        (dto.casualties.injured !== current.injured || dto.casualties.killed !== current.killed)
      ) {
        params.push(dto.casualties.injured, dto.casualties.killed);
        sets.push(`injured = $${params.length - 1}, killed = $${params.length}`);
        changed.push('casualties');
      }
      const sharesChanged = JSON.stringify([...shares].sort()) !== JSON.stringify(currentShares);
      if (sharesChanged) changed.push('sharedWithOrganisationIds');
      if (changed.length === 0) return this.view(em, incidentId, actor);

      await em.query(
        `UPDATE incidents SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
        params,
      );
      if (sharesChanged) await this.replaceShares(em, incidentId, shares);
      const anonymous = dto.anonymous ?? incident.anonymous;
      const view = await this.view(em, incidentId, actor);
      await this.changes.record(em, {
        groupId: incident.groupId,
        type: 'incident.updated',
        entityType: 'incident',
        entityId: incidentId,
        incidentId,
        actorUserId: anonymous ? null : userId,
        data: { incidentId, changed, confidentiality, anonymous },
        // Names of changed fields only: never the content of the incident.
        audit: {
          changed,
          ...(changed.includes('confidentiality')
            ? { confidentiality: { before: current.confidentiality, after: confidentiality } }
            : {}),
          ...(changed.includes('anonymous')
            ? { anonymous: { before: current.anonymous, after: anonymous } }
            : {}),
          ...(sharesChanged ? { sharedWithOrganisationIds: { before: currentShares, after: shares } } : {}),
        },
      });
      return view;
    });
  }

  // Share targets must exist and be represented in the group (active members); only restricted
  // incidents have them. The reporting organisation always sees its incident: it is dropped.
  private async checkShares(
    em: EntityManager,
    actor: GroupActor,
    confidentiality: IncidentConfidentiality,
    ids: string[],
  ): Promise<string[]> {
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))].filter(
      (id) => id !== actor.organisationId,
    );
    if (wanted.length === 0) return [];
    if (confidentiality === 'group') {
      throw new BadRequestProblem(
        'sharedWithOrganisationIds: only restricted incidents are shared with named organisations',
        [
          {
            field: 'sharedWithOrganisationIds',
            message: 'only restricted incidents are shared with named organisations',
          },
        ],
      );
    }
    const rows: { id: string; represented: boolean }[] = await em.query(
      `SELECT o.id, EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = $2 AND m.organisation_id = o.id AND m.status = 'active') AS represented
       FROM organisations o WHERE o.id = ANY($1::uuid[])`,
      [wanted, actor.groupId],
    );
    const found = new Map(rows.map((r) => [r.id, r.represented]));
    const errors: FieldError[] = [];
    wanted.forEach((id) => {
      const index = ids.findIndex((x) => x.toLowerCase() === id);
      if (!found.has(id))
        errors.push({ field: `sharedWithOrganisationIds.${index}`, message: `no such organisation: ${id}` });
      else if (!found.get(id))
        errors.push({
          field: `sharedWithOrganisationIds.${index}`,
          message: `organisation ${id} has no active members in this group`,
        });
    });
    if (errors.length)
      throw new BadRequestProblem(
        errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : 'The request is invalid',
        errors,
      );
    return wanted;
  }

  private async replaceShares(
    em: EntityManager,
    incidentId: string,
    organisationIds: string[],
  ): Promise<void> {
    await em.query(`DELETE FROM incident_shares WHERE incident_id = $1`, [incidentId]);
    await this.insertShares(em, incidentId, organisationIds);
  }

  private async insertShares(
    em: EntityManager,
    incidentId: string,
    organisationIds: string[],
  ): Promise<void> {
    if (organisationIds.length) {
      await em.query(
        `INSERT INTO incident_shares (incident_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
        [incidentId, organisationIds],
      );
    }
  }

  private async view(em: EntityManager, incidentId: string, actor: GroupActor): Promise<IncidentDto> {
    const [row] = await preparedQuery(
      em,
      `${INCIDENT_SELECT} WHERE i.id = $1 AND ${this.access.incidentVisibilitySql('i', '$2')}`,
      [incidentId, actor.organisationId],
    );
    if (!row) throw new NotFoundProblem('Incident');
    return toIncident(row, actor.organisationId);
  }
}

function parseInstant(value: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new BadRequestProblem(`${field}: not a valid date`, [{ field, message: 'not a valid date' }]);
  return new Date(ms).toISOString();
}
