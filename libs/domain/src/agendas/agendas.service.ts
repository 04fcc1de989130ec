import { Injectable } from '@nestjs/common';
import { BadRequestProblem, ConflictProblem } from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, MeetingScope } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { AgendaReader } from './agenda-reader';
import { AgendaDto, AgendaOrderDto } from './dto/agenda.dto';
import { canonicalLocale } from '@roundtable/core';
import { TranslationsService } from '../translations/translations.service';

// The agenda as a whole: reading it, ordering it, publishing it.
@Injectable()
export class AgendasService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly reader: AgendaReader,
    private readonly translations: TranslationsService,
  ) {}

  // Each item in the negotiated locale (`preferences`: readPreferences, then the group's
  // languages, then the source); links stay filtered for the caller as always.
  async get(userId: string, meetingId: string, preferences: string[] = []): Promise<AgendaDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.access.requireMeeting(userId, meetingId, 'read', em);
      await this.reader.ensure(em, meeting);
      const agenda = await this.reader.agenda(em, actor, meeting);
      const [group] = await em.query(`SELECT languages FROM groups WHERE id = $1`, [meeting.groupId]);
      const groupLanguages = ((group.languages ?? []) as string[]).map((l) => canonicalLocale(l) ?? l);
      const localized = await this.translations.localizeMany(
        em,
        agenda.items.map((i) => ({
          type: 'agenda_item' as const,
          id: i.id,
          sourceLocale: i.locale,
          groupLanguages,
          fields: { title: i.title, description: i.description },
        })),
        preferences,
      );
      return {
        ...agenda,
        items: agenda.items.map((item, n) => ({
          ...item,
          title: localized[n].fields.title as string,
          description: localized[n].fields.description as string | null,
          locale: localized[n].locale,
          translationStale: localized[n].translationStale,
        })),
      };
    });
  }

  async order(userId: string, meetingId: string, dto: AgendaOrderDto): Promise<AgendaDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.access.requireMeeting(userId, meetingId, 'manage', em);
      const published = await this.lock(em, meeting);
      const accepted: { id: string }[] = await em.query(
        `SELECT id FROM agenda_items WHERE meeting_id = $1 AND status = 'accepted'`,
        [meeting.id],
      );
      const ids = dto.itemIds.map((id) => id.toLowerCase());
      const acceptedIds = new Set(accepted.map((r) => r.id));
      const errors = [];
      if (new Set(ids).size !== ids.length)
        errors.push({ field: 'itemIds', message: 'lists an item more than once' });
      const unknown = ids.filter((id) => !acceptedIds.has(id));
      if (unknown.length)
        errors.push({
          field: 'itemIds',
          message: `not accepted items of this agenda: ${[...new Set(unknown)].join(', ')}`,
        });
      const missing = [...acceptedIds].filter((id) => !ids.includes(id));
      if (missing.length)
        errors.push({ field: 'itemIds', message: `missing accepted items: ${missing.join(', ')}` });
      if (errors.length)
        throw new BadRequestProblem('itemIds must list every accepted item exactly once', errors);
      await em.query(
        `UPDATE agenda_items a SET position = v.pos,
           changed_after_publish = a.changed_after_publish OR ($3 AND a.position <> v.pos),
           updated_at = CASE WHEN a.position <> v.pos THEN now() ELSE a.updated_at END
         FROM unnest($2::uuid[]) WITH ORDINALITY AS v(id, pos)
         WHERE a.meeting_id = $1 AND a.id = v.id`,
        [meeting.id, ids, published],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'agenda.updated',
        entityType: 'agenda',
        entityId: meeting.id,
        actorUserId: userId,
        data: { meetingId: meeting.id, action: 'reordered', itemIds: ids },
      });
      return this.reader.agenda(em, actor, meeting);
    });
  }

  // Publishing again after changes republishes: the change marks are cleared.
  async publish(userId: string, meetingId: string): Promise<AgendaDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.access.requireMeeting(userId, meetingId, 'manage', em);
      const wasPublished = await this.lock(em, meeting);
      await em.query(
        `UPDATE agendas SET status = 'published', published_at = now(), published_by = $2, updated_at = now() WHERE meeting_id = $1`,
        [meeting.id, userId],
      );
      await em.query(
        `UPDATE agenda_items SET changed_after_publish = false WHERE meeting_id = $1 AND changed_after_publish`,
        [meeting.id],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'agenda.published',
        entityType: 'agenda',
        entityId: meeting.id,
        actorUserId: userId,
        data: { meetingId: meeting.id, republished: wasPublished },
      });
      return this.reader.agenda(em, actor, meeting);
    });
  }

  // Ensures the agenda exists and locks it, serialising changes to one agenda (and ordering
  // them against an approval of the minutes, which takes the same lock). Returns whether it has
  // been published (changes from then on are marked changedAfterPublish). Once the meeting's
  // minutes are approved the agenda is part of their record: every change is a 409.
  async lock(em: EntityManager, meeting: MeetingScope): Promise<boolean> {
    await this.reader.ensure(em, meeting);
    const [a] = await em.query(`SELECT status FROM agendas WHERE meeting_id = $1 FOR UPDATE`, [meeting.id]);
    // A statement of its own after the lock, so it sees an approval that committed meanwhile.
    const [minutes] = await em.query(`SELECT status FROM minutes WHERE meeting_id = $1`, [meeting.id]);
    if (minutes?.status === 'approved')
      throw new ConflictProblem(
        'The minutes of this meeting are approved: its agenda is part of their record and can no longer change',
      );
    return a.status === 'published';
  }
}
