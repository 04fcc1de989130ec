import { Injectable } from '@nestjs/common';
import {
  canonicalLocale,
  BadRequestProblem,
  ConflictProblem,
  decodeCursor,
  isUuid,
  NotFoundProblem,
  Page,
  pageLimit,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { NotificationsService } from '../notifications/notifications.service';
import {
  CreateRecommendationDto,
  RecommendationDetailDto,
  RecommendationDto,
  RecommendationQuery,
  UpdateRecommendationDto,
} from './dto/recommendation.dto';
import { isTerminal, RecommendationStatus } from './recommendation-status';
import {
  addTimelineEntry,
  assertAgendaItemOfGroup,
  assertMeetingOfGroup,
  assertResponsibleOrganisations,
  OVERDUE_SQL,
  RECOMMENDATION_SELECT,
  TIMELINE_SELECT,
  toRecommendation,
  toTimelineEntry,
} from './recommendation.queries';
import { groupSourceLocale } from '../translations/translation-sources';
import { TranslationsService } from '../translations/translations.service';

export interface LockedRecommendation {
  id: string;
  groupId: string;
  title: string;
  status: RecommendationStatus;
  progress: number;
  dueDate: string;
  organisationIds: string[];
}

@Injectable()
export class RecommendationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
    private readonly translations: TranslationsService,
  ) {}

  async create(
    userId: string,
    groupId: string,
    dto: CreateRecommendationDto,
  ): Promise<RecommendationDetailDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'manage', em);
      const orgIds = dto.responsibleOrganisationIds.map((id) => id.toLowerCase());
      await assertResponsibleOrganisations(em, groupId, orgIds);
      if (dto.meetingId) await assertMeetingOfGroup(em, groupId, dto.meetingId);
      if (dto.agendaItemId) await assertAgendaItemOfGroup(em, groupId, dto.agendaItemId);
      const [rec] = await em.query(
        `INSERT INTO recommendations (group_id, meeting_id, agenda_item_id, title, description, due_date, priority, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          groupId,
          dto.meetingId ?? null,
          dto.agendaItemId ?? null,
          dto.title,
          dto.description ?? null,
          dto.dueDate,
          dto.priority,
          userId,
        ],
      );
      await em.query(
        `INSERT INTO recommendation_organisations (recommendation_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
        [rec.id, orgIds],
      );
      await addTimelineEntry(em, {
        recommendationId: rec.id,
        kind: 'created',
        authorUserId: userId,
        authorOrganisationId: actor.organisationId,
        statusTo: 'open',
        progressTo: 0,
      });
      await this.changes.record(em, {
        groupId,
        type: 'recommendation.created',
        entityType: 'recommendation',
        entityId: rec.id,
        actorUserId: userId,
        data: {
          recommendationId: rec.id,
          title: dto.title,
          dueDate: dto.dueDate,
          priority: dto.priority,
          responsibleOrganisationIds: orgIds,
          meetingId: dto.meetingId ?? null,
        },
        audit: { title: dto.title, dueDate: dto.dueDate, responsibleOrganisationIds: orgIds },
      });
      await this.notifyAssigned(em, groupId, rec.id, dto.title, orgIds, userId);
      return this.detail(em, rec.id);
    });
  }

  // In the negotiated locale (`preferences`: readPreferences; then the group's languages, then
  // the source, which is written in the group's first language).
  async get(userId: string, id: string, preferences: string[] = []): Promise<RecommendationDetailDto> {
    const groupId = await this.groupOf(this.ds.manager, id);
    await this.access.require(userId, groupId, 'read', undefined, 'Recommendation');
    return this.detail(this.ds.manager, id, preferences);
  }

  async list(
    userId: string,
    groupId: string,
    q: RecommendationQuery,
    preferences: string[] = [],
  ): Promise<Page<RecommendationDto>> {
    await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [groupId, limit + 1];
    const where = [`r.group_id = $1`];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (q.status) where.push(`r.status = ${param(q.status)}`);
    if (q.organisationId) {
      where.push(
        `EXISTS (SELECT 1 FROM recommendation_organisations f WHERE f.recommendation_id = r.id AND f.organisation_id = ${param(q.organisationId)}::uuid)`,
      );
    }
    if (q.overdue !== undefined) where.push(`${OVERDUE_SQL} = ${param(q.overdue)}`);
    if (q.meetingId) where.push(`r.meeting_id = ${param(q.meetingId)}::uuid`);
    if (cursor) {
      if (typeof cursor[0] !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(cursor[0]) || !isUuid(cursor[1])) {
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      }
      where.push(`(r.due_date, r.id) > (${param(cursor[0])}::date, ${param(cursor[1])}::uuid)`);
    }
    const rows = await this.ds.query(
      `${RECOMMENDATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.due_date, r.id LIMIT $2`,
      params,
    );
    const page = toPage(
      rows,
      limit,
      (r: { due_date: string; id: string }) => [r.due_date, r.id],
      (r) => r,
    );
    return { ...page, items: await this.localized(this.ds.manager, page.items, preferences) };
  }

  // Rows of RECOMMENDATION_SELECT as DTOs, title and description in the negotiated locale (one
  // query for the whole list).
  private async localized(
    em: EntityManager,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg rows
    rows: any[],
    preferences: string[],
  ): Promise<RecommendationDto[]> {
    const localized = await this.translations.localizeMany(
      em,
      rows.map((r) => {
        const groupLanguages = ((r.group_languages ?? []) as string[]).map((l) => canonicalLocale(l) ?? l);
        return {
          type: 'recommendation' as const,
          id: r.id,
          sourceLocale: groupSourceLocale(groupLanguages),
          groupLanguages,
          fields: { title: r.title, description: r.description },
        };
      }),
      preferences,
    );
    return rows.map((r, n) => ({
      ...toRecommendation(r),
      title: localized[n].fields.title as string,
      description: (localized[n].fields.description as string | null) ?? null,
      locale: localized[n].locale,
      translationStale: localized[n].translationStale,
    }));
  }

  async update(userId: string, id: string, dto: UpdateRecommendationDto): Promise<RecommendationDetailDto> {
    return this.ds.transaction(async (em) => {
      const groupId = await this.groupOf(em, id);
      const actor = await this.access.require(userId, groupId, 'manage', em, 'Recommendation');
      const rec = await this.lock(em, id);
      if (isTerminal(rec.status))
        throw new ConflictProblem(`The recommendation is ${rec.status}; it can no longer be edited`);
      const [before] = await em.query(
        `SELECT title, description, due_date::text AS due_date, priority FROM recommendations WHERE id = $1`,
        [id],
      );
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      const compare = (key: string, from: unknown, to: unknown) => {
        if (to !== undefined && to !== from) changed[key] = { from, to };
      };
      compare('title', before.title, dto.title);
      compare('description', before.description, dto.description);
      compare('dueDate', before.due_date, dto.dueDate);
      compare('priority', before.priority, dto.priority);
      let added: string[] = [];
      if (dto.responsibleOrganisationIds) {
        const next = dto.responsibleOrganisationIds.map((o) => o.toLowerCase());
        added = next.filter((o) => !rec.organisationIds.includes(o));
        const removed = rec.organisationIds.filter((o) => !next.includes(o));
        if (added.length || removed.length) {
          await assertResponsibleOrganisations(em, groupId, added);
          await em.query(
            `DELETE FROM recommendation_organisations WHERE recommendation_id = $1 AND organisation_id = ANY($2::uuid[])`,
            [id, removed],
          );
          await em.query(
            `INSERT INTO recommendation_organisations (recommendation_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
            [id, added],
          );
          changed.responsibleOrganisationIds = { from: rec.organisationIds, to: next };
        }
      }
      if (Object.keys(changed).length === 0) return this.detail(em, id);
      await em.query(
        `UPDATE recommendations SET title = coalesce($2, title), description = CASE WHEN $3::boolean THEN $4 ELSE description END,
           due_date = coalesce($5::date, due_date), priority = coalesce($6, priority), updated_at = now()
         WHERE id = $1`,
        [
          id,
          dto.title ?? null,
          'description' in changed,
          dto.description ?? null,
          dto.dueDate ?? null,
          dto.priority ?? null,
        ],
      );
      if ('title' in changed || 'description' in changed) {
        const [now] = await em.query(`SELECT title, description FROM recommendations WHERE id = $1`, [id]);
        await this.translations.sourceChanged(
          em,
          { type: 'recommendation', id, groupId, fields: { title: now.title, description: now.description } },
          Boolean(dto.minorEdit),
        );
      }
      await addTimelineEntry(em, {
        recommendationId: id,
        kind: 'edited',
        authorUserId: userId,
        authorOrganisationId: actor.organisationId,
        details: { changed },
      });
      await this.changes.record(em, {
        groupId,
        type: 'recommendation.updated',
        entityType: 'recommendation',
        entityId: id,
        actorUserId: userId,
        data: { recommendationId: id, change: 'edited', fields: Object.keys(changed), ...flatten(changed) },
        audit: { changed },
      });
      await this.notifyAssigned(em, groupId, id, dto.title ?? before.title, added, userId);
      return this.detail(em, id);
    });
  }

  // Resolves the group of a recommendation; an unknown id is a 404 like an invisible one.
  async groupOf(em: EntityManager, id: string): Promise<string> {
    const [row] = await em.query(`SELECT group_id FROM recommendations WHERE id = $1`, [id]);
    if (!row) throw new NotFoundProblem('Recommendation');
    return row.group_id;
  }

  async lock(em: EntityManager, id: string): Promise<LockedRecommendation> {
    const [r] = await em.query(
      `SELECT r.id, r.group_id, r.title, r.status, r.progress, r.due_date::text AS due_date,
              coalesce((SELECT array_agg(ro.organisation_id::text ORDER BY ro.organisation_id) FROM recommendation_organisations ro
                        WHERE ro.recommendation_id = r.id), '{}') AS organisation_ids
       FROM recommendations r WHERE r.id = $1 FOR UPDATE`,
      [id],
    );
    if (!r) throw new NotFoundProblem('Recommendation');
    return {
      id: r.id,
      groupId: r.group_id,
      title: r.title,
      status: r.status,
      progress: r.progress,
      dueDate: r.due_date,
      organisationIds: r.organisation_ids,
    };
  }

  // Writes answer in the source language (no preferences).
  async detail(em: EntityManager, id: string, preferences: string[] = []): Promise<RecommendationDetailDto> {
    const [row] = await em.query(`${RECOMMENDATION_SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw new NotFoundProblem('Recommendation');
    const [rec] = await this.localized(em, [row], preferences);
    const timeline = await em.query(
      `${TIMELINE_SELECT} WHERE e.recommendation_id = $1 ORDER BY e.created_at, e.id`,
      [id],
    );
    return { ...rec, timeline: timeline.map(toTimelineEntry) };
  }

  // One notification per responsible organisation and member: a retried request or a later edit
  // that re-adds the organisation never notifies twice.
  private async notifyAssigned(
    em: EntityManager,
    groupId: string,
    id: string,
    title: string,
    orgIds: string[],
    actorUserId: string,
  ) {
    for (const orgId of orgIds) {
      const users: { user_id: string }[] = await em.query(
        `SELECT user_id FROM memberships WHERE group_id = $1 AND organisation_id = $2 AND status = 'active' AND user_id IS NOT NULL AND user_id <> $3`,
        [groupId, orgId, actorUserId],
      );
      await this.notifications.notify(em, {
        userIds: users.map((u) => u.user_id),
        type: 'recommendation.assigned',
        groupId,
        entityId: id,
        message: { title: 'notification.recommendation.assigned.title', params: { title } },
        data: { recommendationId: id, organisationId: orgId },
        dedupeKey: `recommendation-assigned:${id}:${orgId}`,
      });
    }
  }
}

export function actorIsResponsible(actor: GroupActor, rec: LockedRecommendation): boolean {
  return rec.organisationIds.includes(actor.organisationId);
}

function flatten(changed: Record<string, { from: unknown; to: unknown }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v.to]));
}
