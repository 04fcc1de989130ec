import { Injectable } from '@nestjs/common';
import { BadRequestProblem, ConflictProblem, NotFoundProblem } from '@roundtable/core';
import { inTransaction } from '@roundtable/database';
import { DataSource, EntityManager } from 'typeorm';
import { GroupAccessPolicy } from '../access/group-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import type { CoChairPolicy } from '../groups/group.entity';
import { planAppointment, SittingTerm } from './co-chair-rules';
import {
  AppointCoChairDto,
  CoChairAppointmentDto,
  CoChairTermDto,
  CoChairTermsDto,
} from './dto/co-chair.dto';

const TERM_SELECT = `
  SELECT t.id, t.group_id, t.membership_id, m.user_id, u.display_name, t.organisation_id, o.name AS organisation_name,
         o.kind AS organisation_kind, o.verified AS organisation_verified, t.constituency, t.appointed_under, t.starts_on::text AS starts_on, t.ended_at,
         t.end_reason, t.appointed_by, t.ended_by, t.created_at
  FROM co_chair_terms t
  JOIN memberships m ON m.id = t.membership_id
  JOIN organisations o ON o.id = t.organisation_id
  LEFT JOIN users u ON u.id = m.user_id`;

// Unique indexes that back the co-chair rules (migration CoChairRules) → the 409 they mean.
const UNIQUE_CONFLICTS: Record<string, string> = {
  co_chair_terms_sitting_constituency_key: 'This constituency already has a sitting co-chair',
  co_chair_terms_sitting_organisation_key: 'This organisation already holds a sitting co-chair term',
  co_chair_terms_sitting_member_key: 'This member is already a sitting co-chair',
};

@Injectable()
export class CoChairsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async list(userId: string, groupId: string): Promise<CoChairTermsDto> {
    await this.access.require(userId, groupId);
    const rows = await this.ds.query(
      `${TERM_SELECT} WHERE t.group_id = $1 ORDER BY t.ended_at DESC NULLS FIRST, t.starts_on, t.created_at, t.id`,
      [groupId],
    );
    const terms: CoChairTermDto[] = rows.map(toTerm);
    return {
      current: terms
        .filter((t) => t.sitting)
        .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.createdAt.localeCompare(b.createdAt)),
      past: terms.filter((t) => !t.sitting),
    };
  }

  // Appointments are serialised per group by locking the group row (which also enforces the
  // two-seat limit); the partial unique indexes enforce the per-constituency, per-organisation
  // and per-member rules in the database should anything bypass this path.
  async appoint(userId: string, groupId: string, dto: AppointCoChairDto): Promise<CoChairAppointmentDto> {
    return inTransaction(this.ds, async (em) => {
      await this.access.require(userId, groupId, 'manage', em);
      // FOR SHARE: a concurrent end of this membership waits for us, then ends the new term too.
      const [member] = await em.query(
        `SELECT m.id, m.status, m.organisation_id, o.kind AS organisation_kind
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id
         WHERE m.id = $1 AND m.group_id = $2 FOR SHARE OF m`,
        [dto.memberId, groupId],
      );
      if (!member)
        throw new BadRequestProblem('memberId: no such member in this group', [
          { field: 'memberId', message: 'no such member in this group' },
        ]);
      if (member.status !== 'active') {
        throw new BadRequestProblem('memberId: only an active member may be appointed', [
          { field: 'memberId', message: 'must be an active member' },
        ]);
      }
      // Lock order membership → sitting terms → group, the order MembersService.end takes them in
      // (membership → its term → group via ChangeRecorder): the two wait for each other rather
      // than deadlock.
      await em.query(`SELECT id FROM co_chair_terms WHERE group_id = $1 AND ended_at IS NULL FOR UPDATE`, [
        groupId,
      ]);
      const group = await this.lockGroup(em, groupId);
      if (dto.startsOn && dto.startsOn > group.today) {
        throw new BadRequestProblem('startsOn: a term cannot start in the future', [
          { field: 'startsOn', message: 'must not lie in the future' },
        ]);
      }
      const sitting: SittingTerm[] = (
        await em.query(
          `SELECT id, membership_id, organisation_id, constituency, starts_on::text AS starts_on, created_at
           FROM co_chair_terms WHERE group_id = $1 AND ended_at IS NULL`,
          [groupId],
        )
      ).map((r: Record<string, string>) => ({
        id: r.id,
        membershipId: r.membership_id,
        organisationId: r.organisation_id,
        constituency: r.constituency,
        startsOn: r.starts_on,
        createdAt: new Date(r.created_at).toISOString(),
      }));
      const plan = planAppointment(
        group.policy,
        {
          membershipId: member.id,
          organisationId: member.organisation_id,
          organisationKind: member.organisation_kind,
          constituency: dto.constituency,
        },
        sitting,
        dto.replace ?? false,
      );
      if (!plan.ok) {
        if (plan.status === 400)
          throw new BadRequestProblem(
            plan.detail,
            plan.field ? [{ field: plan.field, message: plan.detail }] : undefined,
          );
        throw new ConflictProblem(plan.detail);
      }
      for (const termId of plan.endTermIds) {
        await this.endTerm(em, groupId, termId, userId, 'handed over');
      }
      let term: { id: string };
      try {
        [term] = await em.query(
          `INSERT INTO co_chair_terms (group_id, membership_id, organisation_id, constituency, starts_on, appointed_by, appointed_under)
           VALUES ($1, $2, $3, $4, coalesce($5::date, $6::date), $7, $8) RETURNING id`,
          [
            groupId,
            member.id,
            member.organisation_id,
            dto.constituency,
            dto.startsOn ?? null,
            group.today,
            userId,
            group.policy,
          ],
        );
      } catch (e) {
        const conflict = UNIQUE_CONFLICTS[(e as { constraint?: string }).constraint ?? ''];
        if ((e as { code?: string }).code === '23505' && conflict) throw new ConflictProblem(conflict);
        throw e;
      }
      await this.changes.record(em, {
        groupId,
        type: 'cochair.appointed',
        entityType: 'co_chair_term',
        entityId: term.id,
        actorUserId: userId,
        data: {
          termId: term.id,
          memberId: member.id,
          organisationId: member.organisation_id,
          constituency: dto.constituency,
          startsOn: dto.startsOn ?? group.today,
          replacedTermIds: plan.endTermIds,
        },
        audit: { policy: group.policy, replace: dto.replace ?? false, replacedTermIds: plan.endTermIds },
      });
      return { ...(await this.view(em, term.id)), replacedTermIds: plan.endTermIds };
    });
  }

  async end(userId: string, groupId: string, termId: string, reason: string): Promise<CoChairTermDto> {
    return inTransaction(this.ds, async (em) => {
      await this.access.require(userId, groupId, 'manage', em);
      const [term] = await em.query(
        `SELECT id, ended_at FROM co_chair_terms WHERE id = $1 AND group_id = $2 FOR UPDATE`,
        [termId, groupId],
      );
      if (!term) throw new NotFoundProblem('Co-chair term');
      await this.lockGroup(em, groupId);
      if (term.ended_at) throw new ConflictProblem('This co-chair term has already ended');
      await this.endTerm(em, groupId, termId, userId, reason);
      return this.view(em, termId);
    });
  }

  private async endTerm(
    em: EntityManager,
    groupId: string,
    termId: string,
    userId: string,
    reason: string,
  ): Promise<void> {
    const [[t]] = await em.query(
      `UPDATE co_chair_terms SET ended_at = now(), end_reason = $2, ended_by = $3
       WHERE id = $1 AND ended_at IS NULL RETURNING id, membership_id, organisation_id, constituency`,
      [termId, reason, userId],
    );
    await this.changes.record(em, {
      groupId,
      type: 'cochair.ended',
      entityType: 'co_chair_term',
      entityId: termId,
      actorUserId: userId,
      data: {
        termId,
        memberId: t.membership_id,
        organisationId: t.organisation_id,
        constituency: t.constituency,
        reason,
      },
      audit: { reason },
    });
  }

  private async lockGroup(
    em: EntityManager,
    groupId: string,
  ): Promise<{ policy: CoChairPolicy; today: string }> {
    const [g] = await em.query(
      `SELECT co_chair_policy, (now() AT TIME ZONE timezone)::date::text AS today FROM groups WHERE id = $1 FOR UPDATE`,
      [groupId],
    );
    if (!g) throw new NotFoundProblem('Group');
    return { policy: g.co_chair_policy, today: g.today };
  }

  private async view(em: EntityManager, termId: string): Promise<CoChairTermDto> {
    const [row] = await em.query(`${TERM_SELECT} WHERE t.id = $1`, [termId]);
    return toTerm(row);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
function toTerm(r: any): CoChairTermDto {
  return {
    id: r.id,
    groupId: r.group_id,
    memberId: r.membership_id,
    userId: r.user_id,
    displayName: r.display_name ?? null,
    organisation: {
      id: r.organisation_id,
      name: r.organisation_name,
      kind: r.organisation_kind,
      verified: r.organisation_verified,
    },
    constituency: r.constituency,
    appointedUnder: r.appointed_under,
    startsOn: r.starts_on,
    sitting: r.ended_at === null,
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    endReason: r.end_reason ?? null,
    appointedBy: r.appointed_by ?? null,
    endedBy: r.ended_by ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
