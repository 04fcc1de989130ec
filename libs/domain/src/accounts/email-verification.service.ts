import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, BadRequestProblem, ConflictProblem } from '@roundtable/core';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';
import { MailOutbox } from '../mail/mail-outbox';
import { emailVerificationMail } from '../mail/mail-templates';

const TOKEN_TTL_HOURS = 24;
// Resending replaces the open token; at most one new mail per user per minute.
const RESEND_BUCKET_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// Proving an e-mail address: a single-use token mailed to it (stored hashed). A verified address
// is what address-based trust rests on: an organisation's invitation, its listed domains and
// ADMIN_EMAILS all count only for the account that has proved the address.
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly mail: MailOutbox,
    private readonly changes: ChangeRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Issues a token and mails it (inside the caller's transaction).
  async send(em: EntityManager, userId: string): Promise<{ sentTo: string }> {
    const [user] = await em.query(
      `SELECT email, display_name, locale, email_verified_at FROM users WHERE id = $1 FOR UPDATE`,
      [userId],
    );
    if (user.email_verified_at) throw new ConflictProblem('This e-mail address is already verified');
    const token = randomBytes(24).toString('base64url');
    const bucket = Math.floor(Date.now() / RESEND_BUCKET_MS);
    const fresh = await this.mail.enqueue(em, {
      to: user.email,
      ...emailVerificationMail(user.locale ?? 'en', this.config.publicUrl, user.display_name, token),
      dedupeKey: `email-verification:${userId}:${bucket}`,
    });
    if (fresh) {
      // Only the newest mailed token works.
      await em.query(
        `UPDATE email_verification_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
        [userId],
      );
      await em.query(
        `INSERT INTO email_verification_tokens (user_id, email, token_hash, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
        [userId, user.email, sha256(token), TOKEN_TTL_HOURS],
      );
    }
    return { sentTo: user.email };
  }

  async resend(userId: string): Promise<{ sentTo: string }> {
    return this.ds.transaction((em) => this.send(em, userId));
  }

  async verify(token: string): Promise<{ email: string; verifiedAt: string }> {
    return this.ds.transaction(async (em) => {
      const [[row]] = await em.query(
        `UPDATE email_verification_tokens t SET used_at = now()
         FROM users u
         WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.id = t.user_id
           AND lower(u.email) = lower(t.email)
         RETURNING t.user_id, u.email`,
        [sha256(token)],
      );
      if (!row)
        throw new BadRequestProblem('token: invalid, expired or already used', [
          { field: 'token', message: 'invalid, expired or already used' },
        ]);
      const [[user]] = await em.query(
        `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1
         RETURNING email, email_verified_at`,
        [row.user_id],
      );
      await this.changes.audit(em, {
        actorUserId: row.user_id,
        action: 'user.email_verified',
        entityType: 'user',
        entityId: row.user_id,
      });
      return { email: user.email, verifiedAt: new Date(user.email_verified_at).toISOString() };
    });
  }
}
