import { Injectable } from '@nestjs/common';
import {
  BadRequestProblem,
  decodeCursor,
  isUuid,
  limitPlusOneSql,
  Page,
  pageLimit,
  toPage,
} from '@roundtable/core';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import type { MeetingStatus } from '../meetings/meeting.entity';
import { GroupMinutesQuery, MinutesStatus, MinutesSummaryDto } from './dto/minutes.dto';

interface SummaryRow {
  meeting_id: string;
  title: string;
  starts_at: Date;
  starts_key: string;
  timezone: string;
  meeting_status: MeetingStatus;
  status: MinutesStatus;
  circulated_at: Date | null;
  updated_at: Date;
}

// The minutes of a group's meetings in one list (the co-chairs' "awaiting approval"), newest
// meeting first. Whoever may read the group may read each of its meetings' minutes
// (MinutesService.get needs the read power only), so the group check is the whole filter.
@Injectable()
export class GroupMinutesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
  ) {}

  async list(userId: string, groupId: string, q: GroupMinutesQuery): Promise<Page<MinutesSummaryDto>> {
    await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [groupId, q.status ?? null];
    let keyset = '';
    if (cursor) {
      if (typeof cursor[0] !== 'string' || Number.isNaN(Date.parse(cursor[0])) || !isUuid(cursor[1])) {
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      }
      params.push(cursor[0], cursor[1]);
      keyset = `AND (m.starts_at, m.id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows: SummaryRow[] = await this.ds.query(
      `SELECT m.id AS meeting_id, m.title, m.starts_at,
              to_char(m.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS starts_key, m.timezone, m.status AS meeting_status,
              mi.status, mi.circulated_at, mi.updated_at
       FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id
       WHERE mi.group_id = $1 AND m.group_id = $1 AND ($2::text IS NULL OR mi.status = $2) ${keyset}
       ORDER BY m.starts_at DESC, m.id DESC ${limitPlusOneSql(limit)}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.starts_key, r.meeting_id],
      (r) => ({
        meetingId: r.meeting_id,
        title: r.title,
        startsAt: new Date(r.starts_at).toISOString(),
        timezone: r.timezone,
        meetingStatus: r.meeting_status,
        status: r.status,
        circulatedAt: r.circulated_at ? new Date(r.circulated_at).toISOString() : null,
        updatedAt: new Date(r.updated_at).toISOString(),
      }),
    );
  }
}
