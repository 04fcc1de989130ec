import { Injectable } from '@nestjs/common';
import { currentRequestId, GroupEventPayload, GroupEventType } from '@roundtable/core';
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
  // The object whose visibility the event follows (replay, realtime, docs/REALTIME.md).
  scope?: EventScope | null;
  // Shorthand for scope { kind: 'incident', id }.
  incidentId?: string | null;
}

export const GROUP_EVENTS_CHANNEL = 'roundtable_group_events';

// Writes the audit row and the group event of a state change, inside the caller's transaction.
// The lock on the group's seq row (group_event_seqs) taken by the increment serialises writers per
// group, so seq order is commit order and replay never skips an event committed late.
@Injectable()
export class ChangeRecorder {
  async record(em: EntityManager, change: GroupChange): Promise<GroupEventPayload> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('ChangeRecorder.record must run inside a transaction');
    }
    // One round trip: bump the group's seq (its row in group_event_seqs, locked until COMMIT,
    // serialises the group's writers), write the event and the audit row, and NOTIFY (delivered
    // at commit; wakes the outbox relay without polling delay). Callers record their change last.
    // An unknown group fails the seq row's foreign key.
    const data = change.data ?? {};
    const scope =
      change.scope ?? (change.incidentId ? { kind: 'incident' as const, id: change.incidentId } : null);
    const [row] = await preparedQuery(
      em,
      `WITH bumped AS (
         INSERT INTO group_event_seqs AS s (group_id, event_seq) VALUES ($1, 1)
         ON CONFLICT (group_id) DO UPDATE SET event_seq = s.event_seq + 1 RETURNING event_seq
       ), event AS (
         INSERT INTO group_events (group_id, seq, type, entity_id, data, incident_id, scope_kind, scope_id)
         SELECT $1, event_seq, $2, $3::uuid, $4::jsonb, $5::uuid, $11::text, $12::uuid FROM bumped
         RETURNING id, seq, at
       ), audit AS (
         INSERT INTO audit_events (group_id, actor_user_id, action, entity_type, entity_id, details, request_id)
         SELECT $1, $6::uuid, $2, $7, $3::uuid, $8::jsonb, $9 FROM bumped
       )
       SELECT id, seq, at, pg_notify($10, id::text) FROM event`,
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
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO audit_events (group_id, actor_user_id, action, entity_type, entity_id, details, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.groupId ?? null,
        entry.actorUserId,
        entry.action,
        entry.entityType,
        entry.entityId,
        JSON.stringify(entry.details ?? {}),
        currentRequestId() ?? null,
      ],
    );
  }
}
