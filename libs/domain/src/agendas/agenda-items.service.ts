import { Injectable } from '@nestjs/common';
import { BadRequestProblem, ConflictProblem, ForbiddenProblem, NotFoundProblem } from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor, MeetingScope, hasPower } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { AgendaLinks } from './agenda-links';
import { AgendaReader } from './agenda-reader';
import { AgendasService } from './agendas.service';
import {
  AgendaItemDto,
  CreateAgendaItemDto,
  DeletedAgendaItemDto,
  RejectAgendaItemDto,
  UpdateAgendaItemDto,
} from './dto/agenda.dto';
import { TranslationsService } from '../translations/translations.service';

interface ItemScope {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
  item: any;
  meeting: MeetingScope;
  actor: GroupActor;
  published: boolean;
}

// One agenda item's life: proposed or added, accepted or rejected, edited, removed, deferred.
@Injectable()
export class AgendaItemsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly reader: AgendaReader,
    private readonly links: AgendaLinks,
    private readonly agendas: AgendasService,
    private readonly translations: TranslationsService,
  ) {}

  // The focal point or a co-chair adds an accepted item; a member proposes one.
  async create(userId: string, meetingId: string, dto: CreateAgendaItemDto): Promise<AgendaItemDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.access.requireMeeting(userId, meetingId, 'contribute', em);
      const published = await this.agendas.lock(em, meeting);
      await this.links.assertPresenter(em, meeting.groupId, dto.presenterMemberId);
      const incidentIds = await this.links.assertIncidents(em, actor, dto.incidentIds);
      const recommendationIds = await this.links.assertRecommendations(
        em,
        meeting.groupId,
        dto.recommendationIds,
      );
      const status = hasPower(actor, 'manage') ? 'accepted' : 'proposed';
      const [row] = await em.query(
        `INSERT INTO agenda_items (meeting_id, group_id, kind, title, description, duration_minutes, presenter_membership_id, status,
           position, proposed_by, proposed_by_membership_id, decided_by, decided_at, changed_after_publish)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
           (SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = $1), $9, $10,
           CASE WHEN $8 = 'accepted' THEN $9::uuid END, CASE WHEN $8 = 'accepted' THEN now() END, $11)
         RETURNING id`,
        [
          meeting.id,
          meeting.groupId,
          dto.kind ?? 'other',
          dto.title,
          dto.description ?? null,
          dto.durationMinutes ?? null,
          dto.presenterMemberId ?? null,
          status,
          userId,
          actor.membershipId,
          published,
        ],
      );
      await this.links.addIncidents(em, row.id, incidentIds);
      await this.links.addRecommendations(em, row.id, recommendationIds);
      await this.record(em, userId, meeting, row.id, status === 'accepted' ? 'item_added' : 'item_proposed', {
        status,
        kind: dto.kind ?? 'other',
      });
      return this.reader.item(em, actor, meeting, row.id);
    });
  }

  async update(userId: string, itemId: string, dto: UpdateAgendaItemDto): Promise<AgendaItemDto> {
    return this.ds.transaction(async (em) => {
      const { item, meeting, actor, published } = await this.scope(em, userId, itemId);
      this.assertEditable(actor, item, userId);
      if (item.status === 'deferred')
        throw new ConflictProblem('This item was deferred to another meeting; edit it there');
      if (item.standing && dto.kind !== undefined && dto.kind !== item.kind) {
        throw new BadRequestProblem('kind: a standing item keeps its kind', [
          { field: 'kind', message: 'a standing item keeps its kind' },
        ]);
      }
      for (const field of ['title', 'kind'] as const) {
        if (dto[field] === null)
          throw new BadRequestProblem(`${field}: must not be null`, [{ field, message: 'must not be null' }]);
      }
      await this.links.assertPresenter(em, meeting.groupId, dto.presenterMemberId);
      const incidentIds = dto.incidentIds
        ? await this.links.assertIncidents(em, actor, dto.incidentIds)
        : null;
      const recommendationIds = dto.recommendationIds
        ? await this.links.assertRecommendations(em, meeting.groupId, dto.recommendationIds)
        : null;
      const set = (field: keyof UpdateAgendaItemDto) => dto[field] !== undefined;
      await em.query(
        `UPDATE agenda_items SET
           title = CASE WHEN $2 THEN $3 ELSE title END,
           description = CASE WHEN $4 THEN $5 ELSE description END,
           kind = CASE WHEN $6 THEN $7 ELSE kind END,
           duration_minutes = CASE WHEN $8 THEN $9::integer ELSE duration_minutes END,
           presenter_membership_id = CASE WHEN $10 THEN $11::uuid ELSE presenter_membership_id END,
           changed_after_publish = changed_after_publish OR $12,
           updated_at = now()
         WHERE id = $1`,
        [
          itemId,
          set('title'),
          dto.title ?? null,
          set('description'),
          dto.description ?? null,
          set('kind'),
          dto.kind ?? null,
          set('durationMinutes'),
          dto.durationMinutes ?? null,
          set('presenterMemberId'),
          dto.presenterMemberId ?? null,
          published,
        ],
      );
      if (incidentIds) await this.links.replaceIncidents(em, actor, itemId, incidentIds);
      if (recommendationIds) await this.links.replaceRecommendations(em, itemId, recommendationIds);
      const [now] = await em.query(`SELECT title, description FROM agenda_items WHERE id = $1`, [itemId]);
      await this.translations.sourceChanged(
        em,
        {
          type: 'agenda_item',
          id: itemId,
          groupId: meeting.groupId,
          fields: { title: now.title, description: now.description },
        },
        Boolean(dto.minorEdit),
      );
      const fields = Object.keys(dto).filter((k) => set(k as keyof UpdateAgendaItemDto) && k !== 'minorEdit');
      await this.record(em, userId, meeting, itemId, 'item_updated', { fields });
      return this.reader.item(em, actor, meeting, itemId);
    });
  }

  async remove(userId: string, itemId: string): Promise<DeletedAgendaItemDto> {
    return this.ds.transaction(async (em) => {
      const { item, meeting, actor } = await this.scope(em, userId, itemId);
      this.assertEditable(actor, item, userId);
      if (item.standing) throw new ConflictProblem('The standing items of an agenda cannot be removed');
      if (item.status === 'deferred')
        throw new ConflictProblem('This item was deferred to another meeting; remove it there');
      await em.query(`DELETE FROM agenda_items WHERE id = $1`, [itemId]);
      await this.record(em, userId, meeting, itemId, 'item_removed', { title: item.title });
      return { id: itemId, deleted: true };
    });
  }

  async accept(userId: string, itemId: string): Promise<AgendaItemDto> {
    return this.decide(userId, itemId, 'accepted', null);
  }

  async reject(userId: string, itemId: string, dto: RejectAgendaItemDto): Promise<AgendaItemDto> {
    return this.decide(userId, itemId, 'rejected', dto.reason);
  }

  // Moves an item not dealt with to the group's next meeting: the next scheduled meeting of the
  // same series if there is one, otherwise the group's next scheduled meeting.
  async defer(userId: string, itemId: string): Promise<AgendaItemDto> {
    return this.ds.transaction(async (em) => {
      const { item, meeting, actor } = await this.scope(em, userId, itemId);
      this.access.assert(actor, 'manage');
      if (item.standing)
        throw new ConflictProblem('Standing items are on every agenda and cannot be deferred');
      if (item.status !== 'accepted' && item.status !== 'proposed')
        throw new ConflictProblem(`A ${item.status} item cannot be deferred`);
      const [next] = await em.query(
        `SELECT id, group_id, series_id, title, starts_at, ends_at, timezone, location, online_url, focus, status
         FROM meetings WHERE group_id = $1 AND status = 'scheduled' AND starts_at > $2 AND id <> $3
           AND NOT EXISTS (SELECT 1 FROM minutes mi WHERE mi.meeting_id = meetings.id AND mi.status = 'approved')
         ORDER BY ($4::uuid IS NOT NULL AND series_id IS NOT DISTINCT FROM $4::uuid) DESC, starts_at, id LIMIT 1`,
        [meeting.groupId, meeting.startsAt, meeting.id, meeting.seriesId],
      );
      if (!next) throw new ConflictProblem('The group has no later scheduled meeting to defer this item to');
      const target: MeetingScope = {
        id: next.id,
        groupId: next.group_id,
        seriesId: next.series_id,
        title: next.title,
        startsAt: next.starts_at,
        endsAt: next.ends_at,
        timezone: next.timezone,
        location: next.location,
        onlineUrl: next.online_url,
        focus: next.focus,
        status: next.status,
      };
      const targetPublished = await this.agendas.lock(em, target);
      const [copy] = await em.query(
        `INSERT INTO agenda_items (meeting_id, group_id, kind, title, description, duration_minutes, presenter_membership_id, status,
           position, proposed_by, proposed_by_membership_id, decided_by, decided_at, changed_after_publish, deferred_from_item_id)
         SELECT $2, group_id, kind, title, description, duration_minutes, presenter_membership_id, status,
           (SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = $2), proposed_by, proposed_by_membership_id,
           decided_by, decided_at, $3, id
         FROM agenda_items WHERE id = $1 RETURNING id`,
        [itemId, target.id, targetPublished],
      );
      await this.links.copy(em, itemId, copy.id);
      await em.query(
        `UPDATE agenda_items SET status = 'deferred', deferred_to_meeting_id = $2, updated_at = now() WHERE id = $1`,
        [itemId, target.id],
      );
      await this.record(em, userId, meeting, itemId, 'item_deferred', {
        toMeetingId: target.id,
        newItemId: copy.id,
      });
      await this.record(em, userId, target, copy.id, 'item_deferred_in', {
        fromMeetingId: meeting.id,
        fromItemId: itemId,
      });
      return this.reader.item(em, actor, target, copy.id);
    });
  }

  private async decide(
    userId: string,
    itemId: string,
    status: 'accepted' | 'rejected',
    reason: string | null,
  ): Promise<AgendaItemDto> {
    return this.ds.transaction(async (em) => {
      const { item, meeting, actor, published } = await this.scope(em, userId, itemId);
      this.access.assert(actor, 'manage');
      if (item.status !== 'proposed')
        throw new ConflictProblem(`Only a proposed item can be ${status}; this one is ${item.status}`);
      await em.query(
        `UPDATE agenda_items SET status = $2, reject_reason = $3, decided_by = $4, decided_at = now(),
           position = CASE WHEN $2 = 'accepted'
             THEN (SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = $5 AND status = 'accepted') ELSE position END,
           changed_after_publish = changed_after_publish OR $6, updated_at = now()
         WHERE id = $1`,
        [itemId, status, reason, userId, meeting.id, published],
      );
      await this.record(
        em,
        userId,
        meeting,
        itemId,
        status === 'accepted' ? 'item_accepted' : 'item_rejected',
        reason ? { reason } : {},
      );
      return this.reader.item(em, actor, meeting, itemId);
    });
  }

  // Loads and locks the item with its meeting and the caller's standing; 404 when unseen.
  private async scope(em: EntityManager, userId: string, itemId: string): Promise<ItemScope> {
    const [ref] = await em.query(`SELECT meeting_id FROM agenda_items WHERE id = $1`, [itemId]);
    if (!ref) throw new NotFoundProblem('Agenda item');
    const { meeting, actor } = await this.access.requireMeeting(userId, ref.meeting_id, 'read', em, {
      notFound: 'Agenda item',
    });
    const published = await this.agendas.lock(em, meeting);
    const [item] = await em.query(`SELECT * FROM agenda_items WHERE id = $1 FOR UPDATE`, [itemId]);
    if (!item) throw new NotFoundProblem('Agenda item');
    return { item, meeting, actor, published };
  }

  // The focal point or a co-chair; otherwise the proposer, while the item is still proposed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
  private assertEditable(actor: GroupActor, item: any, userId: string): void {
    if (hasPower(actor, 'manage')) return;
    if (item.proposed_by === userId && item.status === 'proposed' && hasPower(actor, 'contribute')) return;
    throw new ForbiddenProblem(
      'Only the focal point, a co-chair, or the proposer while the item is proposed may change it',
    );
  }

  private async record(
    em: EntityManager,
    userId: string,
    meeting: MeetingScope,
    itemId: string,
    action: string,
    extra: Record<string, unknown>,
  ) {
    await this.changes.record(em, {
      groupId: meeting.groupId,
      type: 'agenda.updated',
      entityType: 'agenda_item',
      entityId: itemId,
      actorUserId: userId,
      data: { meetingId: meeting.id, itemId, action, ...extra },
      audit: { meetingId: meeting.id, action, ...extra },
    });
  }
}
