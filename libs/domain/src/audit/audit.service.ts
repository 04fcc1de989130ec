import { Injectable } from '@nestjs/common';
import { BadRequestProblem, decodeCursor, Page, pageLimit, PageQuery, toPage, PgRow } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  actor: { userId: string; displayName: string } | null;
  details: Record<string, unknown>;
  requestId: string | null;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
  ) {}

  // Newest first. Audit details never hold restricted incident content (writers ensure it), and
  // entries about an incident are listed only for those who may see the incident.
  async list(userId: string, groupId: string, q: PageQuery): Promise<Page<AuditEntry>> {
    const actor = await this.access.require(userId, groupId, 'manage');
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 1);
    const params: unknown[] = [groupId, limit + 1, actor.organisationId];
    let keyset = '';
    if (cursor) {
      if (typeof cursor[0] !== 'string' || !/^\d{1,19}$/.test(cursor[0]))
        throw new BadRequestProblem('cursor: invalid cursor', [
          { field: 'cursor', message: 'invalid cursor' },
        ]);
      params.push(cursor[0]);
      keyset = `AND a.id < $4::bigint`;
    }
    const rows = await this.ds.query(
      `SELECT a.id, a.at, a.action, a.entity_type, a.entity_id, a.actor_user_id, u.display_name, a.details, a.request_id
       FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
       WHERE a.group_id = $1 AND ${this.access.auditVisibilitySql('$3')} ${keyset} ORDER BY a.id DESC LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [String(r.id)],
      (r: PgRow) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        actor: r.actor_user_id ? { userId: r.actor_user_id, displayName: r.display_name } : null,
        details: r.details,
        requestId: r.request_id,
      }),
    );
  }
}
