import { Injectable } from '@nestjs/common';
import { ConflictProblem, currentRequestId, GroupEventPayload, GroupEventType } from '@roundtable/core';
import { preparedQuery } from '@roundtable/database';
import { EntityManager } from 'typeorm';
import type { EventScope } from '../access/visibility-sql';

export interface GroupChange {
  groupId: string;
  type: GroupEventType;
  entityType: string;
  entityId: string | null;
  actorUserId: string | null;
  // Event payload: seen by everyone who may see the event. Never put restricted content here
  // unless the event is scoped (then only those who may see the scoped object receive it).
  data?: Record<string, unknown>;
  // Audit details: seen by the focal point and co-chairs; never restricted content (no incident
  // text, no agreement titles or clause text, no report descriptions).
  audit?: Record<string, unknown>;
  // The object whose visibility the event and its audit entry follow (replay, realtime, audit
  // log; docs/REALTIME.md): only those who may see the object see them.
  scope?: EventScope | null;
  // Shorthand for scope { kind: 'incident', id }.
  incidentId?: string | null;
  // An archived group is read-only: record() refuses its changes (409), which rolls back the
  // caller's transaction. Set for the changes that must still happen there: archiving itself and
  // the memberships an organisation ends when it ends an affiliation.
  evenIfArchived?: boolean;
}

export const ARCHIVED_GROUP_DETAIL = 'This group is archived and read-only; its focal point may unarchive it';

export const GROUP_EVENTS_CHANNEL = 'roundtable_group_events';

// Writes the audit row and the group event of a state change, inside the caller's transaction.
// The lock on the group's seq row (group_event_seqs) taken by the increment serialises writers per
// group, so seq order is commit order and replay never skips an event committed late. Every change
// in a group passes here, which makes it the one place that keeps archived groups read-only.
// The event as stored (row id and group seq are internal; clients see EventCodec's opaque forms).
export type RecordedEvent = Omit<GroupEventPayload, 'cursor'> & { seq: number };

@Injectable()
export class ChangeRecorder {
  async record(em: EntityManager, change: GroupChange): Promise<RecordedEvent> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('ChangeRecorder.record must run inside a transaction');
    }
    // One round trip: bump the group's seq (its row in group_event_seqs, locked until COMMIT,
    // serialises the group's writers), write the event and the audit row, and NOTIFY (delivered
    // at commit; wakes the outbox relay without polling delay). Callers record their change last.
    // An unknown group fails the seq row's foreign key. The group row is read FOR SHARE (compatible
    // with other writers and the foreign-key checks, not with archiving's UPDATE), so a change
    // racing an archive sees the committed archived_at; the throw below rolls the change back.
    const data = change.data ?? {};
    const scope =
      change.scope ?? (change.incidentId ? { kind: 'incident' as const, id: change.incidentId } : null);
    const [row] = await preparedQuery(
      em,
      `WITH grp AS (
         SELECT archived_at IS NOT NULL AS archived FROM groups WHERE id = $1 FOR SHARE
       ), bumped AS (
         INSERT INTO group_event_seqs AS s (group_id, event_seq) VALUES ($1, 1)
         ON CONFLICT (group_id) DO UPDATE SET event_seq = s.event_seq + 1 RETURNING event_seq
       ), event AS (
         INSERT INTO group_events (group_id, seq, type, entity_id, data, incident_id, scope_kind, scope_id)
         SELECT $1, event_seq, $2, $3::uuid, $4::jsonb, $5::uuid, $11::text, $12::uuid FROM bumped
         RETURNING id, seq, at
       ), audit AS (
         INSERT INTO audit_events (group_id, actor_user_id, action, entity_type, entity_id, details, request_id,
                                   scope_kind, scope_id)
         SELECT $1, $6::uuid, $2, $7, $3::uuid, $8::jsonb, $9, $11::text, $12::uuid FROM bumped
       )
       SELECT id, seq, at, pg_notify($10, id::text), (SELECT archived FROM grp) AS archived FROM event`,
      [
        change.groupId,
        change.type,
        change.entityId,
        JSON.stringify(data),
        scope?.kind === 'incident' ? scope.id : null,
        change.actorUserId,
        change.entityType,
        JSON.stringify(change.audit ?? {}),
        currentRequestId() ?? null,
        GROUP_EVENTS_CHANNEL,
        scope?.kind ?? null,
        scope?.id ?? null,
      ],
    );
    if (!row) throw new Error(`no event recorded for group ${change.groupId}`);
    if (row.archived && !change.evenIfArchived) throw new ConflictProblem(ARCHIVED_GROUP_DETAIL);
    return {
      id: String(row.id),
      seq: Number(row.seq),
      type: change.type,
      groupId: change.groupId,
      entityId: change.entityId,
      at: new Date(row.at).toISOString(),
      data,
    };
  }

  // Audit-only entries (e.g. reads of restricted incidents are logged elsewhere; this is for
  // account-level actions with no group event).
  async audit(
    em: EntityManager,
    entry: {
      groupId?: string | null;
      actorUserId: string | null;
      action: string;
      entityType: string;
      entityId: string | null;
      details?: Record<string, unknown>;
      scope?: EventScope | null;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO audit_events (group_id, actor_user_id, action, entity_type, entity_id, details, request_id, scope_kind, scope_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.groupId ?? null,
        entry.actorUserId,
        entry.action,
        entry.entityType,
        entry.entityId,
        JSON.stringify(entry.details ?? {}),
        currentRequestId() ?? null,
        entry.scope?.kind ?? null,
        entry.scope?.id ?? null,
      ],
    );
  }
}
