import { Inject, Injectable } from '@nestjs/common';
import {
  AccessTokenService,
  APP_CONFIG,
  AppConfig,
  ConflictProblem,
  ForbiddenProblem,
  UnauthorizedProblem,
} from '@roundtable/core';
import * as argon2 from 'argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';
import { LoginDto, RegisterDto, TokensDto, UserDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle.service';
import { MembersService } from '../members/members.service';
import { NotificationsService } from '../notifications/notifications.service';
import { EmailVerificationService } from './email-verification.service';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;
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
          title: `You are invited to represent ${a.name}`,
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

  async login(dto: LoginDto, ip: string): Promise<TokensDto> {
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
    return this.ds.transaction((em) => this.issue(em, { id: user.id, email: user.email }, randomUUID()));
  }

  // Rotation: each refresh token works once. Presenting a used or revoked one revokes its family.
  async refresh(refreshToken: string): Promise<TokensDto> {
    const outcome = await this.ds.transaction(async (em) => {
      const [row] = await em.query(
        `SELECT t.id, t.user_id, t.family_id, t.expires_at, t.used_at, t.revoked_at, u.email
         FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [sha256(refreshToken)],
      );
      if (!row) return null;
      if (row.used_at || row.revoked_at) {
        await em.query(
          `UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE family_id = $1`,
          [row.family_id],
        );
        await this.changes.audit(em, {
          actorUserId: row.user_id,
          action: 'auth.refresh_reuse',
          entityType: 'user',
          entityId: row.user_id,
        });
        return null;
      }
      if (new Date(row.expires_at) <= new Date()) return null;
      await em.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
      return this.issue(em, { id: row.user_id, email: row.email }, row.family_id);
    });
    if (!outcome) throw new UnauthorizedProblem('Invalid or expired refresh token');
    return outcome;
  }

  async logout(userId: string, refreshToken?: string): Promise<void> {
    if (refreshToken) {
      await this.ds.query(
        `UPDATE refresh_tokens SET revoked_at = now()
         WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2) AND revoked_at IS NULL`,
        [sha256(refreshToken), userId],
      );
    } else {
      await this.ds.query(
        `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
        [userId],
      );
    }
  }

  private async issue(
    em: EntityManager,
    user: { id: string; email: string },
    familyId: string,
  ): Promise<TokensDto> {
    const refreshToken = randomBytes(32).toString('base64url');
    await em.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [user.id, familyId, sha256(refreshToken), this.config.refreshTokenTtlDays],
    );
    return {
      accessToken: this.tokens.sign(user),
      refreshToken,
      expiresIn: this.tokens.ttlSeconds,
      tokenType: 'Bearer',
    };
  }
}
