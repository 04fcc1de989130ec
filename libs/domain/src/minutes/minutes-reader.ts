import { Injectable } from '@nestjs/common';
import { groupSourceLocale } from '../translations/translation-sources';
import { PgRow } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { MeetingScope } from '../access/group-access.policy';
import type { MinutesApprovalRule } from '../groups/group.entity';
import { MinutesApprovalDto, MinutesAttendanceDto, MinutesDto, MinutesPersonDto } from './dto/minutes.dto';

const PERSON_SQL = (userCol: string, alias: string) => `
  (SELECT json_build_object('userId', u.id, 'displayName', u.display_name,
     'memberId', (SELECT m.id FROM memberships m WHERE m.user_id = u.id AND m.group_id = mi.group_id ORDER BY (m.status = 'active') DESC, m.created_at DESC LIMIT 1))
   FROM users u WHERE u.id = ${userCol}) AS ${alias}`;

// Whether a member took part in a meeting, as far as the group recorded it: attendance when any
// was recorded, else the RSVP.
export type MeetingPresence = 'attended' | 'absent' | 'declined' | 'unknown';

const PRESENCE_SQL = (meetingParam: string, membershipCol: string) => `
  CASE
    WHEN EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = ${meetingParam}) THEN
      CASE (SELECT a.attended FROM meeting_attendance a WHERE a.meeting_id = ${meetingParam} AND a.membership_id = ${membershipCol})
        WHEN true THEN 'attended' WHEN false THEN 'absent' ELSE 'unknown' END
    WHEN (SELECT r.response FROM meeting_rsvps r WHERE r.meeting_id = ${meetingParam} AND r.membership_id = ${membershipCol}) = 'no'
      THEN 'declined'
    ELSE 'unknown'
  END`;

// Reads minutes (creating the empty draft on first access), their approvals and the attendance
// recorded on the meeting. Approved minutes are read from their frozen record (MinutesRecords).
@Injectable()
export class MinutesReader {
  async ensure(em: EntityManager, meeting: MeetingScope): Promise<void> {
    await em.query(
      `INSERT INTO minutes (meeting_id, group_id) VALUES ($1, $2) ON CONFLICT (meeting_id) DO NOTHING`,
      [meeting.id, meeting.groupId],
    );
  }

  // The minutes as they stand (draft or circulated); approved minutes also carry their record,
  // which the service lays over this.
  async view(em: EntityManager, meeting: MeetingScope): Promise<MinutesDto> {
    const [r] = await em.query(
      `SELECT mi.*, g.minutes_approval, g.languages, ${PERSON_SQL('mi.approved_by', 'approver')}, ${PERSON_SQL('mi.updated_by', 'editor')}
       FROM minutes mi JOIN groups g ON g.id = mi.group_id WHERE mi.meeting_id = $1`,
      [meeting.id],
    );
    const approvals = await this.approvals(em, meeting.id);
    return {
      meetingId: meeting.id,
      status: r.status,
      version: r.version,
      body: r.body,
      keyIssues: r.key_issues,
      decisions: r.decisions,
      attendance: r.status === 'approved' ? [] : await this.attendance(em, meeting.id),
      approvedBy: r.approver ? toPerson(r.approver, r.approved_by_membership_id) : null,
      approvedAt: iso(r.approved_at),
      circulatedAt: iso(r.circulated_at),
      updatedBy: r.editor ? toPerson(r.editor) : null,
      updatedAt: new Date(r.updated_at).toISOString(),
      approvalRule: r.minutes_approval,
      approvals,
      awaitingApprovalFrom:
        r.status === 'circulated'
          ? await this.awaiting(em, meeting, r.minutes_approval, r.version, approvals)
          : [],
      record: null,
      locale: groupSourceLocale(r.languages),
      translationStale: false,
    };
  }

  async attendance(em: EntityManager, meetingId: string): Promise<MinutesAttendanceDto[]> {
    const rows: PgRow[] = await em.query(
      `SELECT a.membership_id, a.attended, u.display_name, o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind,
              o.verified AS organisation_verified
       FROM meeting_attendance a
       JOIN memberships m ON m.id = a.membership_id
       JOIN organisations o ON o.id = m.organisation_id
       LEFT JOIN users u ON u.id = m.user_id
       WHERE a.meeting_id = $1
       ORDER BY lower(o.name), lower(coalesce(u.display_name, m.email)), a.membership_id`,
      [meetingId],
    );
    return rows.map((r) => ({
      memberId: r.membership_id,
      displayName: r.display_name ?? null,
      organisation: {
        id: r.organisation_id,
        name: r.organisation_name,
        kind: r.organisation_kind,
        verified: r.organisation_verified,
      },
      attended: r.attended,
    }));
  }

  async approvals(em: EntityManager, meetingId: string): Promise<MinutesApprovalDto[]> {
    const rows: PgRow[] = await em.query(
      `SELECT a.membership_id, a.user_id, a.version, a.approved_at, u.display_name
       FROM minutes_approvals a JOIN users u ON u.id = a.user_id
       WHERE a.meeting_id = $1 ORDER BY a.approved_at, a.membership_id`,
      [meetingId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      memberId: r.membership_id,
      displayName: r.display_name ?? null,
      version: r.version,
      approvedAt: new Date(r.approved_at).toISOString(),
    }));
  }

  async presence(em: EntityManager, meetingId: string, membershipId: string): Promise<MeetingPresence> {
    const [row] = await em.query(`SELECT ${PRESENCE_SQL('$1::uuid', '$2::uuid')} AS presence`, [
      meetingId,
      membershipId,
    ]);
    return row.presence;
  }

  // The sitting co-chairs who may approve: not recorded absent, nor (with no attendance
  // recorded) having answered that they would not come.
  async eligibleCoChairs(em: EntityManager, meeting: MeetingScope): Promise<MinutesPersonDto[]> {
    const rows: PgRow[] = await em.query(
      `SELECT m.id AS membership_id, m.user_id, u.display_name
       FROM co_chair_terms t JOIN memberships m ON m.id = t.membership_id AND m.status = 'active'
       LEFT JOIN users u ON u.id = m.user_id
       WHERE t.group_id = $2 AND t.ended_at IS NULL AND m.user_id IS NOT NULL
         AND ${PRESENCE_SQL('$1::uuid', 'm.id')} NOT IN ('absent', 'declined')
       ORDER BY lower(coalesce(u.display_name, m.email)), m.id`,
      [meeting.id, meeting.groupId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      memberId: r.membership_id,
      displayName: r.display_name ?? null,
    }));
  }

  // Whose approval the circulated minutes still wait for under the group's rule.
  async awaiting(
    em: EntityManager,
    meeting: MeetingScope,
    rule: MinutesApprovalRule,
    version: number,
    approvals: MinutesApprovalDto[],
  ): Promise<MinutesPersonDto[]> {
    const approved = new Set(approvals.filter((a) => a.version === version).map((a) => a.memberId));
    if (rule === 'one_co_chair' && approved.size > 0) return [];
    const eligible = await this.eligibleCoChairs(em, meeting);
    return eligible.filter((c) => !approved.has(c.memberId ?? ''));
  }
}

function iso(v: Date | string | null): string | null {
  return v ? new Date(v).toISOString() : null;
}

function toPerson(
  p: { userId: string; displayName: string | null; memberId: string | null },
  memberId?: string | null,
): MinutesPersonDto {
  return { userId: p.userId, memberId: memberId ?? p.memberId ?? null, displayName: p.displayName ?? null };
}
