import { Injectable } from '@nestjs/common';
import { BadRequestProblem } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor } from '../access/group-access.policy';

// Validates and writes the links of an agenda item. An incident the caller may not see is
// treated exactly like one that does not exist (same 400), so existence is never revealed.
@Injectable()
export class AgendaLinks {
  constructor(private readonly access: GroupAccessPolicy) {}

  async assertPresenter(
    em: EntityManager,
    groupId: string,
    memberId: string | null | undefined,
  ): Promise<void> {
    if (!memberId) return;
    const [m] = await em.query(
      `SELECT id FROM memberships WHERE id = $1 AND group_id = $2 AND status = 'active'`,
      [memberId, groupId],
    );
    if (!m)
      throw new BadRequestProblem('presenterMemberId: no such active member in this group', [
        { field: 'presenterMemberId', message: 'no such active member in this group' },
      ]);
  }

  async assertIncidents(em: EntityManager, actor: GroupActor, ids: string[] | undefined): Promise<string[]> {
    const wanted = [...new Set((ids ?? []).map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return [];
    const rows: { id: string }[] = await em.query(
      `SELECT i.id FROM incidents i WHERE i.id = ANY ($1::uuid[]) AND i.group_id = $2 AND ${this.access.incidentVisibilitySql('i', '$3')}`,
      [wanted, actor.groupId, actor.organisationId],
    );
    const found = new Set(rows.map((r) => r.id));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) {
      throw new BadRequestProblem(
        'incidentIds: unknown incident',
        missing.map((id) => ({ field: 'incidentIds', message: `unknown incident ${id}` })),
      );
    }
    return wanted;
  }

  async assertRecommendations(
    em: EntityManager,
    groupId: string,
    ids: string[] | undefined,
  ): Promise<string[]> {
    const wanted = [...new Set((ids ?? []).map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return [];
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM recommendations WHERE id = ANY ($1::uuid[]) AND group_id = $2`,
      [wanted, groupId],
    );
    const found = new Set(rows.map((r) => r.id));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) {
      throw new BadRequestProblem(
        'recommendationIds: unknown recommendation',
        missing.map((id) => ({ field: 'recommendationIds', message: `unknown recommendation ${id}` })),
      );
    }
    return wanted;
  }

  // Replaces the incident links the caller can see; links to incidents hidden from the caller
  // (added by someone inside a restriction) are left alone.
  async replaceIncidents(em: EntityManager, actor: GroupActor, itemId: string, ids: string[]): Promise<void> {
    await em.query(
      `DELETE FROM agenda_item_incidents l USING incidents i
       WHERE l.item_id = $1 AND i.id = l.incident_id AND ${this.access.incidentVisibilitySql('i', '$2')}`,
      [itemId, actor.organisationId],
    );
    await this.addIncidents(em, itemId, ids);
  }

  async addIncidents(em: EntityManager, itemId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await em.query(
      `INSERT INTO agenda_item_incidents (item_id, incident_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [itemId, ids],
    );
  }

  async replaceRecommendations(em: EntityManager, itemId: string, ids: string[]): Promise<void> {
    await em.query(`DELETE FROM agenda_item_recommendations WHERE item_id = $1`, [itemId]);
    await this.addRecommendations(em, itemId, ids);
  }

  async addRecommendations(em: EntityManager, itemId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await em.query(
      `INSERT INTO agenda_item_recommendations (item_id, recommendation_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [itemId, ids],
    );
  }

  // Deferral moves every link with the item, including those the caller cannot see.
  async copy(em: EntityManager, fromItemId: string, toItemId: string): Promise<void> {
    await em.query(
      `INSERT INTO agenda_item_incidents (item_id, incident_id) SELECT $2, incident_id FROM agenda_item_incidents WHERE item_id = $1`,
      [fromItemId, toItemId],
    );
    await em.query(
      `INSERT INTO agenda_item_recommendations (item_id, recommendation_id) SELECT $2, recommendation_id FROM agenda_item_recommendations WHERE item_id = $1`,
      [fromItemId, toItemId],
    );
  }
}
