import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AuthUser,
  BadRequestProblem,
  NotFoundProblem,
  REDIS,
  redisKey,
  TooManyRequestsProblem,
} from '@roundtable/core';
import * as argon2 from 'argon2';
import Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';
import { MailOutbox } from '../mail/mail-outbox';
import { passwordChangedMail, passwordResetMail } from '../mail/mail-templates';
import { ARGON2_OPTIONS } from './auth.service';
import { LoginThrottle } from './login-throttle.service';
import { SessionsService } from './sessions.service';

export const PASSWORD_RESET_TTL_MINUTES = 60;
// Requests per address per hour (429 beyond), and reset mails per account per hour (beyond, the
// answer stays the same 202 and nothing is sent, so it says nothing about the account).
export const RESET_REQUESTS_PER_ADDRESS_PER_HOUR = 10;
export const RESET_MAILS_PER_ACCOUNT_PER_HOUR = 3;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const invalidToken = () =>
  new BadRequestProblem('token: invalid, expired or already used', [
    { field: 'token', message: 'invalid, expired or already used' },
  ]);

@Injectable()
export class PasswordService {
  private readonly perAddress: RateLimiterRedis;
  private readonly perAccount: RateLimiterRedis;

  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionsService,
    private readonly mail: MailOutbox,
    private readonly changes: ChangeRecorder,
    private readonly throttle: LoginThrottle,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        useRedisPackage: false,
        keyPrefix: redisKey(config, 'password-reset', name),
        points,
        duration: 3600,
        insuranceLimiter: new RateLimiterMemory({ points, duration: 3600 }),
      });
    this.perAddress = limiter('address', RESET_REQUESTS_PER_ADDRESS_PER_HOUR);
    this.perAccount = limiter('account', RESET_MAILS_PER_ACCOUNT_PER_HOUR);
  }

  // POST /me/password: the current password proves it is the owner at the keyboard (failures
  // count like failed logins); every other session ends.
  async change(user: AuthUser, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const [row] = await this.ds.query(`SELECT email, password_hash FROM users WHERE id = $1`, [user.id]);
    if (!row) throw new NotFoundProblem('User');
    await this.throttle.assertAllowed(row.email, ip);
    if (!(await argon2.verify(row.password_hash, currentPassword))) {
      await this.throttle.recordFailure(row.email, ip);
      throw new BadRequestProblem('currentPassword: is not your current password', [
        { field: 'currentPassword', message: 'is not your current password' },
      ]);
    }
    const hash = await argon2.hash(newPassword, ARGON2_OPTIONS);
    const ended = await this.ds.transaction(async (em) => {
      const [[u]] = await em.query(
        `UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1
         RETURNING email, display_name, locale, time_zone, updated_at`,
        [user.id, hash],
      );
      const ids = await this.sessions.endAll(em, user.id, 'password_changed', user.sid);
      await this.mail.enqueue(em, {
        to: u.email,
        ...passwordChangedMail(
          u.locale ?? 'en',
          this.config.publicUrl,
          u.display_name,
          new Date(u.updated_at),
          u.time_zone,
        ),
        dedupeKey: `password-changed:${user.id}:${new Date(u.updated_at).getTime()}`,
      });
      await this.changes.audit(em, {
        actorUserId: user.id,
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
        details: { sessionsEnded: ids.length },
      });
      return ids;
    });
    await this.sessions.published(ended);
  }

  // POST /auth/password-reset: the same answer whether or not the address has an account.
  async requestReset(email: string, ip: string): Promise<void> {
    try {
      await this.perAddress.consume(ip);
    } catch (e) {
      if (e instanceof RateLimiterRes)
        throw new TooManyRequestsProblem(
          Math.ceil(e.msBeforeNext / 1000),
          'Too many password reset requests from this address; try again later',
        );
      throw e;
    }
    const [user] = await this.ds.query(
      `SELECT id, email, display_name, locale FROM users WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    if (!user) return;
    try {
      await this.perAccount.consume(user.id);
    } catch (e) {
      if (e instanceof RateLimiterRes) return;
      throw e;
    }
    const token = randomBytes(32).toString('base64url');
    await this.ds.transaction(async (em) => {
      // Only the newest mailed link works.
      await em.query(
        `UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
        [user.id],
      );
      const [row] = await em.query(
        `INSERT INTO password_reset_tokens (user_id, email, token_hash, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING id`,
        [user.id, user.email, sha256(token), PASSWORD_RESET_TTL_MINUTES],
      );
      await this.mail.enqueue(em, {
        to: user.email,
        ...passwordResetMail(user.locale ?? 'en', this.config.publicUrl, user.display_name, token),
        dedupeKey: `password-reset:${row.id}`,
      });
      await this.changes.audit(em, {
        actorUserId: null,
        action: 'user.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
      });
    });
  }

  // POST /auth/password-reset/confirm: the token works once, within the hour, for the address it
  // was mailed to; every session of the account ends.
  async confirmReset(token: string, newPassword: string): Promise<void> {
    const [candidate] = await this.ds.query(
      `SELECT 1 FROM password_reset_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
      [sha256(token)],
    );
    if (!candidate) throw invalidToken();
    const hash = await argon2.hash(newPassword, ARGON2_OPTIONS);
    const ended = await this.ds.transaction(async (em) => {
      const [[row]] = await em.query(
        `UPDATE password_reset_tokens t SET used_at = now()
         FROM users u
         WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.id = t.user_id
           AND lower(u.email) = lower(t.email)
         RETURNING t.user_id`,
        [sha256(token)],
      );
      if (!row) throw invalidToken();
      await em.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
        row.user_id,
        hash,
      ]);
      const ids = await this.sessions.endAll(em, row.user_id, 'password_reset');
      await this.changes.audit(em, {
        actorUserId: row.user_id,
        action: 'user.password_reset',
        entityType: 'user',
        entityId: row.user_id,
        details: { sessionsEnded: ids.length },
      });
      return ids;
    });
    await this.sessions.published(ended);
  }
}
