import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MeetingScope } from '../access/group-access.policy';
import { MinutesAttendanceDto, MinutesDto, MinutesPersonDto } from './dto/minutes.dto';

const PERSON_SQL = (userCol: string, alias: string) => `
  (SELECT json_build_object('userId', u.id, 'displayName', u.display_name,
     'memberId', (SELECT m.id FROM memberships m WHERE m.user_id = u.id AND m.group_id = mi.group_id ORDER BY (m.status = 'active') DESC, m.created_at DESC LIMIT 1))
   FROM users u WHERE u.id = ${userCol}) AS ${alias}`;

// Reads minutes (creating the empty draft on first access) and the attendance recorded on the
// meeting. Attendance is owned by the meetings feature (table meeting_attendance); it is read
// only when that table exists, so this feature deploys independently of it.
@Injectable()
export class MinutesReader {
  private attendanceTable = false;

  async ensure(em: EntityManager, meeting: MeetingScope): Promise<void> {
    await em.query(
      `INSERT INTO minutes (meeting_id, group_id) VALUES ($1, $2) ON CONFLICT (meeting_id) DO NOTHING`,
      [meeting.id, meeting.groupId],
    );
  }

  async view(em: EntityManager, meetingId: string): Promise<MinutesDto> {
    const [r] = await em.query(
      `SELECT mi.*, ${PERSON_SQL('mi.approved_by', 'approver')}, ${PERSON_SQL('mi.updated_by', 'editor')}
       FROM minutes mi WHERE mi.meeting_id = $1`,
      [meetingId],
    );
    return {
      meetingId,
      status: r.status,
      version: r.version,
      body: r.body,
      keyIssues: r.key_issues,
      decisions: r.decisions,
      attendance: await this.attendance(em, meetingId),
      approvedBy: r.approver ? toPerson(r.approver, r.approved_by_membership_id) : null,
      approvedAt: iso(r.approved_at),
      circulatedAt: iso(r.circulated_at),
      updatedBy: r.editor ? toPerson(r.editor) : null,
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  }

  async attendance(em: EntityManager, meetingId: string): Promise<MinutesAttendanceDto[]> {
    if (!(await this.hasAttendanceTable(em))) return [];
    const rows = await em.query(
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
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
    return rows.map((r: any) => ({
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

  // Only a positive answer is cached: the table appears when the meetings migration runs.
  private async hasAttendanceTable(em: EntityManager): Promise<boolean> {
    if (this.attendanceTable) return true;
    const [{ present }] = await em.query(`SELECT to_regclass('meeting_attendance') IS NOT NULL AS present`);
    this.attendanceTable = present;
    return present;
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
