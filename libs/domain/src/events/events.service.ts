import { Injectable } from '@nestjs/common';
import { GroupEventPayload, limitPlusOneSql } from '@roundtable/core';
import { preparedQuery } from '@roundtable/database';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';

export interface EventPage {
  items: GroupEventPayload[];
  nextCursor: string | null;
}

@Injectable()
export class EventsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
  ) {}

  // Replay in seq order, filtered by what the caller may see now. nextCursor is the last seq
  // returned (pass it as `after`); null once the caller has caught up.
  async replay(userId: string, groupId: string, after: number, limit: number): Promise<EventPage> {
    const actor = await this.access.require(userId, groupId);
    const rows = await preparedQuery(
      this.ds,
      `SELECT e.id, e.seq, e.type, e.group_id, e.entity_id, e.at, e.data
       FROM group_events e
       WHERE e.group_id = $1 AND e.seq > $2 AND ${this.access.eventVisibilitySql('$3')}
       ORDER BY e.seq ${limitPlusOneSql(limit)}`,
      [groupId, after, actor.organisationId],
    );
    const more = rows.length > limit;
    const items: GroupEventPayload[] = rows.slice(0, limit).map(toEventPayload);
    return { items, nextCursor: more ? String(items[items.length - 1].seq) : null };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
export function toEventPayload(r: any): GroupEventPayload {
  return {
    id: String(r.id),
    seq: Number(r.seq),
    type: r.type,
    groupId: r.group_id,
    entityId: r.entity_id,
    at: new Date(r.at).toISOString(),
    data: r.data,
  };
}
