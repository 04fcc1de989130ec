import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  ConflictProblem,
  decodeCursor,
  isUuid,
  Page,
  pageLimit,
  PageQuery,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupPower, MeetingScope } from '../access/group-access.policy';
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

// The minutes' life: draft (focal point and co-chairs edit) → circulated (members comment;
// edits stay allowed so comments can be taken into account) → approved by a sitting co-chair,
// after which nothing changes any more.
@Injectable()
export class MinutesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
    private readonly notifications: NotificationsService,
    private readonly reader: MinutesReader,
    private readonly exporter: MinutesExporter,
  ) {}

  async get(userId: string, meetingId: string): Promise<MinutesDto> {
    return this.ds.transaction(async (em) => {
      const { meeting } = await this.scope(em, userId, meetingId, 'read');
      return this.reader.view(em, meeting.id);
    });
  }

  // Optimistic concurrency: the update only matches the expected version, so of two saves
  // based on the same version exactly one wins and the other gets 409.
  async save(userId: string, meetingId: string, dto: SaveMinutesDto): Promise<MinutesDto> {
    return this.ds.transaction(async (em) => {
      const { meeting } = await this.scope(em, userId, meetingId, 'manage');
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
      await em.query(
        `INSERT INTO minutes_revisions (meeting_id, version, body, key_issues, decisions, status, author_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [meeting.id, updated.version, dto.body, dto.keyIssues, dto.decisions, updated.status, userId],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'minutes.updated',
        entityType: 'minutes',
        entityId: meeting.id,
        actorUserId: userId,
        data: { meetingId: meeting.id, action: 'saved', version: updated.version, status: updated.status },
        audit: { version: updated.version, status: updated.status },
      });
      return this.reader.view(em, meeting.id);
    });
  }

  async circulate(userId: string, meetingId: string): Promise<MinutesDto> {
    return this.ds.transaction(async (em) => {
      const { meeting } = await this.scope(em, userId, meetingId, 'focal_point');
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
      await this.notifyMembers(
        em,
        meeting,
        userId,
        'minutes.circulated',
        `Minutes circulated for comment: ${meeting.title}`,
      );
      return this.reader.view(em, meeting.id);
    });
  }

  async approve(userId: string, meetingId: string): Promise<MinutesDto> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.scope(em, userId, meetingId, 'co_chair');
      const current = await this.lock(em, meeting.id, 'UPDATE');
      if (current.status === 'draft')
        throw new ConflictProblem('The minutes must be circulated before they can be approved');
      if (current.status === 'approved') throw new ConflictProblem('The minutes are already approved');
      await em.query(
        `UPDATE minutes SET status = 'approved', approved_at = now(), approved_by = $2, approved_by_membership_id = $3, updated_at = now()
         WHERE meeting_id = $1`,
        [meeting.id, userId, actor.membershipId],
      );
      await this.changes.record(em, {
        groupId: meeting.groupId,
        type: 'minutes.approved',
        entityType: 'minutes',
        entityId: meeting.id,
        actorUserId: userId,
        data: { meetingId: meeting.id, version: current.version, approvedByMemberId: actor.membershipId },
        audit: { version: current.version },
      });
      await this.notifyMembers(em, meeting, userId, 'minutes.approved', `Minutes approved: ${meeting.title}`);
      return this.reader.view(em, meeting.id);
    });
  }

  // Observers included: anyone who may read the minutes may take them away, as they see them.
  async export(userId: string, meetingId: string, format: 'md' | 'pdf'): Promise<ExportFile> {
    return this.ds.transaction(async (em) => {
      const { meeting, actor } = await this.scope(em, userId, meetingId, 'read');
      return this.exporter.export(em, actor, meeting, format);
    });
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
    title: string,
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
      title,
      data: { meetingId: meeting.id },
      dedupeKey: `${type}:${meeting.id}`,
    });
  }
}

// A cursor that decodes but does not hold this list's sort key (forged or from another list).
function invalidCursor(): BadRequestProblem {
  return new BadRequestProblem('cursor: invalid cursor', [{ field: 'cursor', message: 'invalid cursor' }]);
}
