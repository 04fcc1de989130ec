import { Injectable } from '@nestjs/common';
import { NotFoundProblem, PgRow } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { MeDto } from './dto/auth.dto';

@Injectable()
export class MeService {
  constructor(private readonly ds: DataSource) {}

  async me(userId: string): Promise<MeDto> {
    const [user] = await this.ds.query(
      `SELECT id, email, display_name, created_at FROM users WHERE id = $1`,
      [userId],
    );
    if (!user) throw new NotFoundProblem('User');
    const memberships = await this.ds.query(
      `SELECT m.id, m.group_id, g.name AS group_name, m.organisation_id, o.name AS organisation_name, m.role,
              m.is_contact_point,
              EXISTS (SELECT 1 FROM co_chair_terms t WHERE t.membership_id = m.id AND t.ended_at IS NULL) AS is_co_chair
       FROM memberships m JOIN groups g ON g.id = m.group_id JOIN organisations o ON o.id = m.organisation_id
       WHERE m.user_id = $1 AND m.status = 'active' ORDER BY g.name, g.id`,
      [userId],
    );
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      createdAt: new Date(user.created_at).toISOString(),
      memberships: memberships.map((m: PgRow) => ({
        membershipId: m.id,
        groupId: m.group_id,
        groupName: m.group_name,
        organisationId: m.organisation_id,
        organisationName: m.organisation_name,
        role: m.role,
        isCoChair: m.is_co_chair,
        isContactPoint: m.is_contact_point,
      })),
    };
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
