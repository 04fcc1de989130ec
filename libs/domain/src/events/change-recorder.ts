import { Injectable } from '@nestjs/common';
import { currentRequestId, GroupEventPayload, GroupEventType } from '@roundtable/core';
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
// The group row lock taken by the seq increment serialises writers per group, so seq order is
// commit order and replay never skips an event committed late.
@Injectable()
export class ChangeRecorder {
  async record(em: EntityManager, change: GroupChange): Promise<GroupEventPayload> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('ChangeRecorder.record must run inside a transaction');
    }
    // TypeORM returns [rows, affected] for UPDATE ... RETURNING on Postgres.
    const [[bumped]] = await em.query(
      `UPDATE groups SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq`,
      [change.groupId],
    );
    if (!bumped) throw new Error(`group ${change.groupId} does not exist`);
    const seq = bumped.event_seq;
    const data = change.data ?? {};
    const scope =
      change.scope ?? (change.incidentId ? { kind: 'incident' as const, id: change.incidentId } : null);
    const [row] = await em.query(
      `INSERT INTO group_events (group_id, seq, type, entity_id, data, incident_id, scope_kind, scope_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, at`,
      [
        change.groupId,
        seq,
        change.type,
        change.entityId,
        JSON.stringify(data),
        scope?.kind === 'incident' ? scope.id : null,
        scope?.kind ?? null,
        scope?.id ?? null,
      ],
    );
    await em.query(
      `INSERT INTO audit_events (group_id, actor_user_id, action, entity_type, entity_id, details, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        change.groupId,
        change.actorUserId,
        change.type,
        change.entityType,
        change.entityId,
        JSON.stringify(change.audit ?? {}),
        currentRequestId() ?? null,
      ],
    );
    // Delivered at commit; wakes the outbox relay without polling delay.
    await em.query(`SELECT pg_notify($1, $2)`, [GROUP_EVENTS_CHANNEL, String(row.id)]);
    return {
      id: String(row.id),
      seq: Number(seq),
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
