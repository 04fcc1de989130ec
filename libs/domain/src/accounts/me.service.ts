import { Injectable } from '@nestjs/common';
import { NotFoundProblem, PgRow } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { CONFIRMED_MEMBERSHIP_JOIN } from '../access/group-access.policy';
import { OrganisationAccessPolicy } from '../access/organisation-access.policy';
import { ChangeRecorder } from '../events/change-recorder';
import { MeDto, UpdateMeDto } from './dto/auth.dto';

@Injectable()
export class MeService {
  constructor(
    private readonly ds: DataSource,
    private readonly orgs: OrganisationAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async me(userId: string): Promise<MeDto> {
    const [user] = await this.ds.query(
      `SELECT id, email, display_name, email_verified_at, locale, time_zone, created_at FROM users WHERE id = $1`,
      [userId],
    );
    if (!user) throw new NotFoundProblem('User');
    const memberships = await this.ds.query(
      `SELECT m.id, m.group_id, g.name AS group_name, m.organisation_id, o.name AS organisation_name,
              o.verified AS organisation_verified, m.role, m.is_contact_point,
              EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL) AS is_co_chair
       FROM memberships m JOIN groups g ON g.id = m.group_id JOIN organisations o ON o.id = m.organisation_id
       ${CONFIRMED_MEMBERSHIP_JOIN}
       WHERE m.user_id = $1 AND m.status = 'active' ORDER BY g.name, g.id`,
      [userId],
    );
    const affiliations = await this.ds.query(
      `SELECT a.id, a.organisation_id, o.name AS organisation_name, o.verified AS organisation_verified, a.role, a.status
       FROM affiliations a JOIN organisations o ON o.id = a.organisation_id
       WHERE a.user_id = $1 AND a.status IN ('invited','requested','active') ORDER BY lower(o.name), o.id`,
      [userId],
    );
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      emailVerified: user.email_verified_at !== null,
      locale: user.locale,
      timeZone: user.time_zone,
      platformAdmin: await this.orgs.isPlatformAdmin(userId),
      createdAt: new Date(user.created_at).toISOString(),
      memberships: memberships.map((m: PgRow) => ({
        membershipId: m.id,
        groupId: m.group_id,
        groupName: m.group_name,
        organisationId: m.organisation_id,
        organisationName: m.organisation_name,
        organisationVerified: m.organisation_verified,
        role: m.role,
        isCoChair: m.is_co_chair,
        isContactPoint: m.is_contact_point,
      })),
      affiliations: affiliations.map((a: PgRow) => ({
        affiliationId: a.id,
        organisationId: a.organisation_id,
        organisationName: a.organisation_name,
        organisationVerified: a.organisation_verified,
        role: a.role,
        status: a.status,
      })),
    };
  }

  async update(userId: string, dto: UpdateMeDto): Promise<MeDto> {
    const fields: [keyof UpdateMeDto, string][] = [
      ['displayName', 'display_name'],
      ['locale', 'locale'],
      ['timeZone', 'time_zone'],
    ];
    const sets: string[] = [];
    const params: unknown[] = [userId];
    for (const [key, column] of fields) {
      if (dto[key] === undefined) continue;
      params.push(dto[key]);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length) {
      await this.ds.transaction(async (em) => {
        await em.query(`UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
        await this.changes.audit(em, {
          actorUserId: userId,
          action: 'user.updated',
          entityType: 'user',
          entityId: userId,
          details: { fields: fields.filter(([k]) => dto[k] !== undefined).map(([k]) => k) },
        });
      });
    }
    return this.me(userId);
  }

  async calendarToken(userId: string, rotate = false): Promise<string> {
    const sql = rotate
      ? `UPDATE users SET calendar_token = encode(gen_random_bytes(24), 'hex') WHERE id = $1 RETURNING calendar_token`
      : `SELECT calendar_token FROM users WHERE id = $1`;
    const rows = await this.ds.query(sql, [userId]);
    const row = rotate ? rows[0][0] : rows[0];
    if (!row) throw new NotFoundProblem('User');
    return row.calendar_token;
  }

  // Resolves a personal feed token to its user (for calendar clients that cannot send headers).
  async userByCalendarToken(token: string): Promise<string | null> {
    if (!/^[0-9a-f]{48}$/.test(token)) return null;
    const [row] = await this.ds.query(`SELECT id FROM users WHERE calendar_token = $1`, [token]);
    return row?.id ?? null;
  }
}
