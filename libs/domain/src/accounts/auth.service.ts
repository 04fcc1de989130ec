import { Inject, Injectable } from '@nestjs/common';
import {
  AccessTokenService,
  APP_CONFIG,
  AppConfig,
  AuthUser,
  ConflictProblem,
  ForbiddenProblem,
  UnauthorizedProblem,
} from '@roundtable/core';
import * as argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';
import { LoginDto, RegisterDto, TokensDto, UserDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle.service';
import { MembersService } from '../members/members.service';
import { NotificationsService } from '../notifications/notifications.service';
import { EmailVerificationService } from './email-verification.service';
import { ClientMeta, SessionsService } from './sessions.service';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;
// Verified against when the e-mail is unknown, so both failures cost the same time.
let dummyHashPromise: Promise<string> | undefined;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly tokens: AccessTokenService,
    private readonly throttle: LoginThrottle,
    private readonly changes: ChangeRecorder,
    private readonly members: MembersService,
    private readonly verification: EmailVerificationService,
    private readonly notifications: NotificationsService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(dto: RegisterDto): Promise<UserDto> {
    if (!this.config.openSignup)
      throw new ForbiddenProblem('Open registration is turned off on this platform');
    const hash = await argon2.hash(dto.password, ARGON2_OPTIONS);
    return this.ds.transaction(async (em) => {
      const rows = await em.query(
        `INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3)
         ON CONFLICT ((lower(email))) DO NOTHING
         RETURNING id, email, display_name, created_at`,
        [dto.email, hash, dto.displayName],
      );
      if (!rows[0]) throw new ConflictProblem('An account with this e-mail already exists');
      const user = rows[0];
      // Invitations sent before the account existed now belong to it. Those that would make it
      // speak for an organisation take effect only once it has verified the address.
      const [linked] = await em.query(
        `UPDATE memberships SET user_id = $1 WHERE user_id IS NULL AND lower(email) = lower($2)
           AND status IN ('pending_organisation','invited') RETURNING id`,
        [user.id, user.email],
      );
      for (const m of linked) await this.members.deliverInvitation(em, m.id);
      const [invitations] = await em.query(
        `UPDATE affiliations a SET user_id = $1 FROM organisations o
         WHERE o.id = a.organisation_id AND a.user_id IS NULL AND lower(a.email) = lower($2) AND a.status = 'invited'
         RETURNING a.id, a.organisation_id, a.role, o.name`,
        [user.id, user.email],
      );
      for (const a of invitations as { id: string; organisation_id: string; role: string; name: string }[])
        await this.notifications.notify(em, {
          userIds: [user.id],
          type: 'affiliation.invited',
          entityId: a.id,
          message: {
            title: 'notification.affiliation.invitedOnRegistration.title',
            params: { organisation: a.name },
          },
          data: { affiliationId: a.id, organisationId: a.organisation_id, role: a.role },
          dedupeKey: `affiliation-invitation:${a.id}`,
        });
      await this.verification.send(em, user.id);
      await this.changes.audit(em, {
        actorUserId: user.id,
        action: 'user.registered',
        entityType: 'user',
        entityId: user.id,
      });
      return {
        id: user.id,
        email: user.email,
        displayName: user.display_name,
        createdAt: new Date(user.created_at).toISOString(),
      };
    });
  }

  async login(dto: LoginDto, ip: string, meta: ClientMeta = {}): Promise<TokensDto> {
    await this.throttle.assertAllowed(dto.email, ip);
    const [user] = await this.ds.query(
      `SELECT id, email, password_hash FROM users WHERE lower(email) = lower($1)`,
      [dto.email],
    );
    dummyHashPromise ??= argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS);
    const ok = user
      ? await argon2.verify(user.password_hash, dto.password)
      : (await argon2.verify(await dummyHashPromise, dto.password), false);
    if (!ok) {
      await this.throttle.recordFailure(dto.email, ip);
      throw new UnauthorizedProblem('Invalid e-mail or password');
    }
    await this.throttle.recordSuccess(dto.email, ip);
    return this.ds.transaction(async (em) => {
      const sid = await this.sessions.start(em, user.id, { ...meta, ip }, this.config.refreshTokenTtlDays);
      return this.issue(em, { id: user.id, email: user.email, sid });
    });
  }

  // Rotation: each refresh token works once. Presenting a used or revoked one ends its session.
  // Always read from Postgres: a session that ended never gets a new access token, whatever
  // Redis knows.
  async refresh(refreshToken: string, meta: ClientMeta = {}): Promise<TokensDto> {
    let ended: string[] = [];
    const outcome = await this.ds.transaction(async (em) => {
      const [row] = await em.query(
        `SELECT t.id, t.user_id, t.family_id, t.expires_at, t.used_at, t.revoked_at, u.email,
                s.revoked_at AS session_revoked_at
         FROM refresh_tokens t JOIN users u ON u.id = t.user_id JOIN sessions s ON s.id = t.family_id
         WHERE t.token_hash = $1 FOR UPDATE OF t, s`,
        [sha256(refreshToken)],
      );
      if (!row || row.session_revoked_at) return null;
      if (row.used_at || row.revoked_at) {
        ended = await this.sessions.endById(em, row.family_id, 'refresh_reuse');
        await this.changes.audit(em, {
          actorUserId: row.user_id,
          action: 'auth.refresh_reuse',
          entityType: 'user',
          entityId: row.user_id,
          details: { sessionId: row.family_id },
        });
        return null;
      }
      if (new Date(row.expires_at) <= new Date()) return null;
      await em.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
      await this.sessions.touch(em, row.family_id, meta, this.config.refreshTokenTtlDays);
      return this.issue(em, { id: row.user_id, email: row.email, sid: row.family_id });
    });
    await this.sessions.published(ended);
    if (!outcome) throw new UnauthorizedProblem('Invalid or expired refresh token');
    return outcome;
  }

  // Ends the caller's session at once (its access tokens are refused from now on), and the
  // session of `refreshToken` when given and the caller's.
  async logout(user: AuthUser, refreshToken?: string): Promise<void> {
    const ended = await this.ds.transaction(async (em) => {
      const ids = await this.sessions.endById(em, user.sid, 'logout');
      if (refreshToken) {
        const [other] = await em.query(
          `SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2`,
          [sha256(refreshToken), user.id],
        );
        if (other && other.family_id !== user.sid)
          ids.push(...(await this.sessions.endById(em, other.family_id, 'logout')));
      }
      if (ids.length)
        await this.changes.audit(em, {
          actorUserId: user.id,
          action: 'auth.logout',
          entityType: 'session',
          entityId: user.sid,
        });
      return ids;
    });
    // The session is over even when it had ended already (a token of a session we do not know).
    await this.sessions.published(ended.length ? ended : [user.sid]);
  }

  private async issue(
    em: EntityManager,
    user: { id: string; email: string; sid: string },
  ): Promise<TokensDto> {
    const refreshToken = randomBytes(32).toString('base64url');
    await em.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [user.id, user.sid, sha256(refreshToken), this.config.refreshTokenTtlDays],
    );
    return {
      accessToken: this.tokens.sign(user),
      refreshToken,
      expiresIn: this.tokens.ttlSeconds,
      tokenType: 'Bearer',
    };
  }
}
