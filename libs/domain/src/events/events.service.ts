import { Injectable } from '@nestjs/common';
import { GroupEventPayload, limitPlusOneSql } from '@roundtable/core';
import { preparedQuery } from '@roundtable/database';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import { EventCodec, EventCursors } from './event-cursors';

export interface EventPage {
  items: GroupEventPayload[];
  nextCursor: string | null;
}

@Injectable()
export class EventsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly cursors: EventCursors,
  ) {}

  // Replay in seq order, filtered by what the caller may see now. `after` is an event's opaque
  // cursor (or 0 / absent: from the start); nextCursor the last item's, null once caught up.
  async replay(
    userId: string,
    groupId: string,
    after: string | undefined,
    limit: number,
  ): Promise<EventPage> {
    const actor = await this.access.require(userId, groupId);
    const codec = await this.cursors.get();
    const afterSeq = after === undefined || after === '0' ? 0 : codec.seq(groupId, after);
    const rows = await preparedQuery(
      this.ds,
      // `at` formatted by Postgres as toISOString() would: no Date parsed and re-formatted per event.
      `SELECT e.id, e.seq, e.type, e.group_id, e.entity_id,
              to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.data
       FROM group_events e
       WHERE e.group_id = $1 AND e.seq > $2 AND ${this.access.eventVisibilitySql('$3')}
       ORDER BY e.seq ${limitPlusOneSql(limit)}`,
      [groupId, afterSeq, actor.organisationId],
    );
    const more = rows.length > limit;
    const items: GroupEventPayload[] = rows.slice(0, limit).map((r: unknown) => toEventPayload(r, codec));
    return { items, nextCursor: more ? items[items.length - 1].cursor : null };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
export function toEventPayload(r: any, codec: EventCodec): GroupEventPayload {
  return {
    id: codec.id(r.id),
    cursor: codec.cursor(r.group_id, r.seq),
    type: r.type,
    groupId: r.group_id,
    entityId: r.entity_id,
    at: typeof r.at === 'string' ? r.at : new Date(r.at).toISOString(),
    data: r.data,
  };
}
