import { Injectable } from '@nestjs/common';
import { NotFoundProblem, SessionRevocations } from '@roundtable/core';
import { isIP } from 'node:net';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';

export type SessionEndReason = 'logout' | 'revoked' | 'password_changed' | 'password_reset' | 'refresh_reuse';

export interface ClientMeta {
  userAgent?: string | null;
  ip?: string | null;
}

export interface SessionView {
  id: string;
  userAgent: string | null;
  ipPrefix: string | null;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  current: boolean;
}

const USER_AGENT_MAX = 300;

// The network a request came from, not the address: 203.0.113.0/24, 2001:db8:1::/48.
export function ipPrefix(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/i.exec(ip);
  if (v4 && isIP(v4[0].replace(/^::ffff:/i, '')) === 4) return `${v4[1]}.0/24`;
  if (isIP(ip) !== 6) return null;
  // Expand "::" to get the first three groups.
  const [head, tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...h, ...Array(Math.max(8 - h.length - t.length, 0)).fill('0'), ...t];
  return `${groups
    .slice(0, 3)
    .map((g) => (g.replace(/^0+(?=.)/, '') || '0').toLowerCase())
    .join(':')}::/48`;
}

// Sessions: one per sign-in; its id is the `sid` claim of its access tokens and the family id of
// its refresh tokens (docs/SESSIONS.md). Ending one writes Postgres in the caller's transaction;
// after the commit `published()` tells every API instance (SessionRevocations).
@Injectable()
export class SessionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly revocations: SessionRevocations,
    private readonly changes: ChangeRecorder,
  ) {}

  async start(em: EntityManager, userId: string, meta: ClientMeta, refreshTtlDays: number): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO sessions (user_id, user_agent, ip_prefix, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(days => $4)) RETURNING id`,
      [userId, meta.userAgent?.slice(0, USER_AGENT_MAX) || null, ipPrefix(meta.ip), refreshTtlDays],
    );
    return row.id as string;
  }

  // A refresh: the session lives on (its end moves with the newest refresh token).
  async touch(em: EntityManager, sessionId: string, meta: ClientMeta, refreshTtlDays: number): Promise<void> {
    await em.query(
      `UPDATE sessions SET last_used_at = now(), expires_at = now() + make_interval(days => $3),
         ip_prefix = coalesce($2, ip_prefix) WHERE id = $1`,
      [sessionId, ipPrefix(meta.ip), refreshTtlDays],
    );
  }

  async list(userId: string, currentSessionId: string): Promise<SessionView[]> {
    const rows: {
      id: string;
      user_agent: string | null;
      ip_prefix: string | null;
      created_at: Date;
      last_used_at: Date;
      expires_at: Date;
    }[] = await this.ds.query(
      `SELECT id, user_agent, ip_prefix, created_at, last_used_at, expires_at FROM sessions
       WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_used_at DESC, id`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      userAgent: r.user_agent,
      ipPrefix: r.ip_prefix,
      createdAt: new Date(r.created_at).toISOString(),
      lastUsedAt: new Date(r.last_used_at).toISOString(),
      expiresAt: new Date(r.expires_at).toISOString(),
      current: r.id === currentSessionId,
    }));
  }

  // Ends one of the user's sessions (404 when it is not theirs or already ended).
  async revokeOne(userId: string, sessionId: string, reason: SessionEndReason): Promise<void> {
    const ended = await this.ds.transaction(async (em) => {
      const ids = await this.end(em, `id = $2 AND user_id = $1`, [userId, sessionId], reason);
      if (ids.length === 0) throw new NotFoundProblem('Session');
      await this.changes.audit(em, {
        actorUserId: userId,
        action: 'auth.session_ended',
        entityType: 'session',
        entityId: sessionId,
        details: { reason },
      });
      return ids;
    });
    await this.published(ended);
  }

  // Ends every session of the user but `exceptSessionId`, in the caller's transaction; returns
  // the ids to hand to published() after the commit.
  async endAll(
    em: EntityManager,
    userId: string,
    reason: SessionEndReason,
    exceptSessionId: string | null = null,
  ): Promise<string[]> {
    return this.end(
      em,
      `user_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [userId, exceptSessionId],
      reason,
    );
  }

  // Ends the session by id whoever holds it (a reused refresh token), in the caller's transaction.
  async endById(em: EntityManager, sessionId: string, reason: SessionEndReason): Promise<string[]> {
    return this.end(em, `id = $1`, [sessionId], reason);
  }

  async published(sessionIds: string[]): Promise<void> {
    await this.revocations.publish(sessionIds);
  }

  private async end(
    em: EntityManager,
    where: string,
    params: unknown[],
    reason: SessionEndReason,
  ): Promise<string[]> {
    const n = params.length + 1;
    const [rows] = await em.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $${n}
       WHERE ${where} AND revoked_at IS NULL RETURNING id`,
      [...params, reason],
    );
    const ids = (rows as { id: string }[]).map((r) => r.id);
    if (ids.length)
      await em.query(
        `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
        [ids],
      );
    return ids;
  }
}
