import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  canonicalLocale,
  ConflictProblem,
  decodeCursor,
  ForbiddenProblem,
  isUuid,
  Page,
  pageLimit,
  PageQuery,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor, GroupPower, MeetingScope } from '../access/group-access.policy';
import type { MinutesApprovalRule } from '../groups/group.entity';
import { ChangeRecorder } from '../events/change-recorder';
import { NotificationsService } from '../notifications/notifications.service';
import {
  CreateMinutesCommentDto,
  MinutesCommentDto,
  MinutesDto,
  MinutesRevisionDto,
  SaveMinutesDto,
} from './dto/minutes.dto';
import { ExportFile, MinutesExporter } from './minutes-exporter';
import { MinutesReader } from './minutes-reader';
import { MinutesPersonDto } from './dto/minutes.dto';
import { MinutesRecords } from './minutes-record';
import { TranslationsService } from '../translations/translations.service';

// The minutes' life: draft (focal point and co-chairs edit) → circulated (members comment;
// edits stay allowed so comments can be taken into account) → approved by one sitting co-chair
// or by all of them (the group's minutesApproval), once the meeting has taken place. Approval
// freezes the record (MinutesRecords), after which nothing about the minutes changes any more.
@Injectable()
export class MinutesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
    private readonly reader: MinutesReader,
    private readonly records: MinutesRecords,
    private readonly exporter: MinutesExporter,
    private readonly translations: TranslationsService,
  ) {}

  // `preferences`: the reader's languages (readPreferences); the group's follow, then the source.
  async get(userId: string, meetingId: string, preferences: string[] = []): Promise<MinutesDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.scope(em, userId, meetingId, 'read');
      return this.view(em, meeting, actor, preferences);
    });
  }

  // Optimistic concurrency: the update only matches the expected version, so of two saves
  // based on the same version exactly one wins and the other gets 409.
  async save(userId: string, meetingId: string, dto: SaveMinutesDto): Promise<MinutesDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.scope(em, userId, meetingId, 'manage');
      // UPDATE ... RETURNING comes back from TypeORM as [rows, affectedCount].
      const [[updated]] = await em.query(
        `UPDATE minutes SET body = $3, key_issues = $4, decisions = $5, version = version + 1, updated_by = $6, updated_at = now()
         WHERE meeting_id = $1 AND version = $2 AND status <> 'approved' RETURNING version, status`,
        [meeting.id, dto.expectedVersion, dto.body, dto.keyIssues, dto.decisions, userId],
      );
      if (!updated) {
        const [current] = await em.query(`SELECT status, version FROM minutes WHERE meeting_id = $1`, [
          meeting.id,
        ]);
        if (current.status === 'approved') throw new ConflictProblem('Approved minutes are immutable');
        throw new ConflictProblem(
          `The minutes have changed since version ${dto.expectedVersion}; reload and reapply your edit`,
          {
            currentVersion: current.version,
          },
        );
      }
      // Approvals were of the text as it was: after an edit each co-chair approves again.
      const [, approvalsReset]: [unknown, number] = await em.query(
        `DELETE FROM minutes_approvals WHERE meeting_id = $1 AND version <> $2 RETURNING membership_id`,
        [meeting.id, updated.version],
      );
      await em.query(
        `INSERT INTO minutes_revisions (meeting_id, version, body, key_issues, decisions, status, author_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [meeting.id, updated.version, dto.body, dto.keyIssues, dto.decisions, updated.status, userId],
      );
      const minorEdit = Boolean(dto.minorEdit ?? dto.minor);
      await this.translations.sourceChanged(
        em,
        {
          type: 'minutes',
          id: meeting.id,
          groupId: meeting.groupId,
          fields: { body: dto.body, keyIssues: dto.keyIssues, decisions: dto.decisions },
        },
        minorEdit,
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'minutes.updated',
        entityType: 'minutes',
        entityId: meeting.id,
        actorUserId: userId,
        data: {
          meetingId: meeting.id,
          action: 'saved',
          version: updated.version,
          status: updated.status,
          ...(minorEdit ? { minorEdit } : {}),
          ...(approvalsReset ? { approvalsReset } : {}),
        },
        audit: {
          version: updated.version,
          status: updated.status,
          ...(approvalsReset ? { approvalsReset } : {}),
        },
      });
      return this.view(em, meeting, actor);
    });
  }

  async circulate(userId: string, meetingId: string): Promise<MinutesDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.scope(em, userId, meetingId, 'focal_point');
      const current = await this.lock(em, meeting.id, 'UPDATE');
      if (current.status !== 'draft') throw new ConflictProblem(`The minutes are already ${current.status}`);
      if (current.version === 0)
        throw new ConflictProblem('Write and save the minutes before circulating them');
      await em.query(
        `UPDATE minutes SET status = 'circulated', circulated_at = now(), circulated_by = $2, updated_at = now() WHERE meeting_id = $1`,
        [meeting.id, userId],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'minutes.circulated',
        entityType: 'minutes',
        entityId: meeting.id,
        actorUserId: userId,
        data: { meetingId: meeting.id, version: current.version },
        audit: { version: current.version },
      });
      await this.notifyMembers(em, meeting, userId, 'minutes.circulated');
      return this.view(em, meeting, actor);
    });
  }

  // A sitting co-chair approves circulated minutes of a meeting that has taken place and that
  // they did not miss. Under all_co_chairs each approval is recorded and the last one needed
  // approves the minutes; the approval that does freezes the record in the same transaction.
  async approve(userId: string, meetingId: string): Promise<MinutesDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.scope(em, userId, meetingId, 'co_chair');
      const current = await this.lock(em, meeting.id, 'UPDATE');
      if (current.status === 'draft')
        throw new ConflictProblem('The minutes must be circulated before they can be approved');
      if (current.status === 'approved') throw new ConflictProblem('The minutes are already approved');
      if (meeting.status === 'cancelled')
        throw new ConflictProblem('This meeting was cancelled: there are no minutes to approve');
      if (meeting.status !== 'held' && new Date(meeting.endsAt).getTime() > Date.now())
        throw new ConflictProblem(
          `Minutes can be approved once the meeting has taken place (it ends ${new Date(meeting.endsAt).toISOString()})`,
        );
      const presence = await this.reader.presence(em, meeting.id, actor.membershipId);
      if (presence === 'absent')
        throw new ForbiddenProblem(
          'You were recorded as absent from this meeting, so you may not approve its minutes',
        );
      if (presence === 'declined')
        throw new ForbiddenProblem(
          'You answered that you would not attend this meeting, so you may not approve its minutes',
        );
      const [group] = await em.query(`SELECT minutes_approval FROM groups WHERE id = $1`, [meeting.groupId]);
      const rule: MinutesApprovalRule = group.minutes_approval;
      const [mine] = await em.query(
        `SELECT version FROM minutes_approvals WHERE meeting_id = $1 AND membership_id = $2`,
        [meeting.id, actor.membershipId],
      );
      const before = await this.reader.approvals(em, meeting.id);
      const waitingBefore = await this.reader.awaiting(em, meeting, rule, current.version, before);
      if (mine?.version === current.version && waitingBefore.length > 0)
        throw new ConflictProblem(
          `You have already approved version ${current.version}; the minutes await the approval of ${names(waitingBefore)}`,
        );
      await em.query(
        `INSERT INTO minutes_approvals (meeting_id, membership_id, user_id, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (meeting_id, membership_id) DO UPDATE SET version = EXCLUDED.version, user_id = EXCLUDED.user_id, approved_at = clock_timestamp()`,
        [meeting.id, actor.membershipId, userId, current.version],
      );
      const approvals = await this.reader.approvals(em, meeting.id);
      const waiting = await this.reader.awaiting(em, meeting, rule, current.version, approvals);
      if (waiting.length > 0) {
        await this.changes.record(em, {
          groupId: meeting.groupId,
          type: 'minutes.updated',
          entityType: 'minutes',
          entityId: meeting.id,
          actorUserId: userId,
          data: {
            meetingId: meeting.id,
            action: 'approval_recorded',
            version: current.version,
            approvedByMemberId: actor.membershipId,
            awaitingApprovals: waiting.length,
          },
          audit: { action: 'approval_recorded', version: current.version },
        });
        return this.view(em, meeting, actor);
      }
      // The agenda lock orders this after any agenda change in flight (and those after us,
      // which then find the minutes approved: AgendasService.lock).
      await this.agendaLock(em, meeting);
      const record = await this.records.freeze(em, meeting, approvals);
      await em.query(
        `UPDATE minutes SET status = 'approved', approved_at = now(), approved_by = $2, approved_by_membership_id = $3,
           approved_record = $4, updated_at = now()
         WHERE meeting_id = $1`,
        [meeting.id, userId, actor.membershipId, JSON.stringify(record)],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'minutes.approved',
        entityType: 'minutes',
        entityId: meeting.id,
        actorUserId: userId,
        data: {
          meetingId: meeting.id,
          version: current.version,
          approvedByMemberId: actor.membershipId,
          approverMemberIds: approvals.map((a) => a.memberId),
        },
        audit: { version: current.version, rule, approvers: approvals.map((a) => a.memberId) },
      });
      await this.notifyMembers(em, meeting, userId, 'minutes.approved');
      return this.view(em, meeting, actor);
    });
  }

  // Observers included: anyone who may read the minutes may take them away, as they see them.
  async export(
    userId: string,
    meetingId: string,
    format: 'md' | 'pdf',
    locale?: string,
  ): Promise<ExportFile & { contentLanguage: string }> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.scope(em, userId, meetingId, 'read');
      return this.exporter.export(em, actor, meeting, format, locale);
    });
  }

  // Approved minutes are their frozen record, as this caller may see it; others are live.
  // Writes answer in the source's language (`preferences` null); reads negotiate one.
  private async view(
    em: EntityManager,
    meeting: MeetingScope,
    actor: GroupActor,
    preferences: string[] | null = null,
  ): Promise<MinutesDto> {
    const source = await this.source(em, meeting, actor);
    if (preferences === null) return source;
    const [group] = await em.query(`SELECT languages FROM groups WHERE id = $1`, [meeting.groupId]);
    const localized = await this.translations.localize(
      em,
      {
        type: 'minutes',
        id: meeting.id,
        sourceLocale: source.locale,
        groupLanguages: (group.languages ?? []).map((l: string) => canonicalLocale(l) ?? l),
        fields: { body: source.body, keyIssues: source.keyIssues, decisions: source.decisions },
      },
      preferences,
    );
    return {
      ...source,
      body: localized.fields.body as string,
      keyIssues: localized.fields.keyIssues as string[],
      decisions: localized.fields.decisions as string[],
      locale: localized.locale,
      translationStale: localized.translationStale,
    };
  }

  private async source(em: EntityManager, meeting: MeetingScope, actor: GroupActor): Promise<MinutesDto> {
    const live = await this.reader.view(em, meeting);
    if (live.status !== 'approved') return live;
    const record = await this.records.present(em, await this.records.load(em, meeting), actor);
    return {
      ...live,
      version: record.version,
      body: record.body,
      keyIssues: record.keyIssues,
      decisions: record.decisions,
      attendance: record.attendance,
      approvals: record.approvals,
      record: record.view,
    };
  }

  private async agendaLock(em: EntityManager, meeting: MeetingScope): Promise<void> {
    await em.query(
      `INSERT INTO agendas (meeting_id, group_id) VALUES ($1, $2) ON CONFLICT (meeting_id) DO NOTHING`,
      [meeting.id, meeting.groupId],
    );
    await em.query(`SELECT 1 FROM agendas WHERE meeting_id = $1 FOR UPDATE`, [meeting.id]);
  }

  async revisions(userId: string, meetingId: string, q: PageQuery): Promise<Page<MinutesRevisionDto>> {
    return this.ds.transaction(async (em) => {
      const { meeting } = await this.scope(em, userId, meetingId, 'read');
      const limit = pageLimit(q);
      const cursor = decodeCursor(q.cursor, 1);
      if (cursor && !Number.isInteger(cursor[0])) throw invalidCursor();
      const rows = await em.query(
        `SELECT r.*, u.display_name,
           (SELECT m.id FROM memberships m WHERE m.user_id = r.author_user_id AND m.group_id = $4 ORDER BY m.created_at DESC LIMIT 1) AS member_id
         FROM minutes_revisions r JOIN users u ON u.id = r.author_user_id
         WHERE r.meeting_id = $1 AND ($3::int IS NULL OR r.version < $3::int) ORDER BY r.version DESC LIMIT $2`,
        [meeting.id, limit + 1, cursor ? Number(cursor[0]) : null, meeting.groupId],
      );
      /* eslint-disable @typescript-eslint/no-explicit-any -- raw pg rows */
      return toPage(
        rows,
        limit,
        (r: any) => [r.version],
        (r: any) => ({
          version: r.version,
          status: r.status,
          body: r.body,
          keyIssues: r.key_issues,
          decisions: r.decisions,
          author: { userId: r.author_user_id, memberId: r.member_id, displayName: r.display_name },
          createdAt: new Date(r.created_at).toISOString(),
        }),
      );
      /* eslint-enable @typescript-eslint/no-explicit-any */
    });
  }

  // Members (not observers) comment on circulated minutes; approval closes the discussion.
  async comment(userId: string, meetingId: string, dto: CreateMinutesCommentDto): Promise<MinutesCommentDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.scope(em, userId, meetingId, 'contribute');
      // FOR SHARE: a concurrent approval waits for this comment (or this comment sees it).
      const current = await this.lock(em, meeting.id, 'SHARE');
      if (current.status === 'draft')
        throw new ConflictProblem('The minutes are open for comments once circulated');
      if (current.status === 'approved')
        throw new ConflictProblem('Approved minutes are closed for comments');
      const [row] = await em.query(
        `INSERT INTO minutes_comments (meeting_id, author_user_id, author_membership_id, minutes_version, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [meeting.id, userId, actor.membershipId, current.version, dto.body],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'minutes.updated',
        entityType: 'minutes_comment',
        entityId: row.id,
        actorUserId: userId,
        data: { meetingId: meeting.id, action: 'commented', commentId: row.id },
        audit: { meetingId: meeting.id },
      });
      const [comment] = await this.commentRows(em, meeting.id, `c.id = $2`, [row.id]);
      return comment;
    });
  }

  async comments(userId: string, meetingId: string, q: PageQuery): Promise<Page<MinutesCommentDto>> {
    return this.ds.transaction(async (em) => {
      const { meeting } = await this.scope(em, userId, meetingId, 'read');
      const limit = pageLimit(q);
      const cursor = decodeCursor(q.cursor, 2);
      if (
        cursor &&
        (typeof cursor[0] !== 'string' || Number.isNaN(Date.parse(cursor[0])) || !isUuid(cursor[1]))
      )
        throw invalidCursor();
      const params: unknown[] = [limit + 1];
      // Keyset on millisecond precision, the precision the cursor carries.
      const where = cursor
        ? (params.push(cursor[0], cursor[1]),
          `(date_trunc('milliseconds', c.created_at), c.id) > ($3::timestamptz, $4::uuid)`)
        : 'true';
      const rows = await this.commentRows(
        em,
        meeting.id,
        `${where} ORDER BY date_trunc('milliseconds', c.created_at), c.id LIMIT $2`,
        params,
      );
      return toPage(
        rows,
        limit,
        (c) => [c.createdAt, c.id],
        (c) => c,
      );
    });
  }

  private async commentRows(
    em: EntityManager,
    meetingId: string,
    tail: string,
    params: unknown[],
  ): Promise<MinutesCommentDto[]> {
    const rows = await em.query(
      `SELECT c.id, c.body, c.minutes_version, c.created_at, c.author_user_id, c.author_membership_id, u.display_name,
              o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
              o.verified AS organisation_verified
       FROM minutes_comments c JOIN users u ON u.id = c.author_user_id
       JOIN memberships m ON m.id = c.author_membership_id JOIN organisations o ON o.id = m.organisation_id
       WHERE c.meeting_id = $1 AND ${tail}`,
      [meetingId, ...params],
    );
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
    return rows.map((r: any) => ({
      id: r.id,
      body: r.body,
      author: { userId: r.author_user_id, memberId: r.author_membership_id, displayName: r.display_name },
      organisation: {
        id: r.organisation_id,
        name: r.organisation_name,
        kind: r.organisation_kind,
        verified: r.organisation_verified,
      },
      minutesVersion: r.minutes_version,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  private async scope(em: EntityManager, userId: string, meetingId: string, power: GroupPower) {
    const scope = await this.access.requireMeeting(userId, meetingId, power, em);
    await this.reader.ensure(em, scope.meeting);
    return scope;
  }

  private async lock(
    em: EntityManager,
    meetingId: string,
    mode: 'UPDATE' | 'SHARE',
  ): Promise<{ status: string; version: number }> {
    const [row] = await em.query(`SELECT status, version FROM minutes WHERE meeting_id = $1 FOR ${mode}`, [
      meetingId,
    ]);
    return row;
  }

  // Every active member of the group except the one acting, once per fact.
  private async notifyMembers(
    em: EntityManager,
    meeting: MeetingScope,
    actorUserId: string,
    type: 'minutes.circulated' | 'minutes.approved',
  ) {
    const rows: { user_id: string }[] = await em.query(
      `SELECT user_id FROM memberships WHERE group_id = $1 AND status = 'active' AND user_id IS NOT NULL AND user_id <> $2`,
      [meeting.groupId, actorUserId],
    );
    await this.notifications.notify(em, {
      userIds: rows.map((r) => r.user_id),
      type,
      groupId: meeting.groupId,
      entityId: meeting.id,
      // Each member reads it in their own locale.
      message: {
        title: `notification.${type}.title`,
        body: `notification.${type}.body`,
        params: { title: meeting.title },
      },
      data: { meetingId: meeting.id },
      dedupeKey: `${type}:${meeting.id}`,
    });
  }
}

function names(people: MinutesPersonDto[]): string {
  return people.map((p) => p.displayName ?? 'a co-chair').join(', ');
}

// A cursor that decodes but does not hold this list's sort key (forged or from another list).
function invalidCursor(): BadRequestProblem {
  return new BadRequestProblem('cursor: invalid cursor', [{ field: 'cursor', message: 'invalid cursor' }]);
}
