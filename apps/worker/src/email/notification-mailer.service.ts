import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, translate } from '@roundtable/core';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';

const BATCH = 50;
export const EMAIL_MAX_ATTEMPTS = 5;
// Notifications older than this are not e-mailed (e.g. the backlog when SMTP_URL is first set).
export const EMAIL_MAX_AGE = '1 day';

interface Claimed {
  id: string;
  type: string;
  title: string;
  body: string | null;
  email: string;
  display_name: string | null;
  locale: string | null;
  email_attempts: number;
}

// Sends the e-mail copy of in-app notifications when SMTP_URL is set. Each notification is
// claimed in its own committed statement (FOR UPDATE SKIP LOCKED, so concurrent workers take
// different rows) before the SMTP conversation, and marked emailed after it: a crash in between
// leaves the claim, so nothing is sent twice (at most once; the in-app copy always exists).
@Injectable()
export class NotificationMailer implements OnApplicationShutdown {
  private readonly logger = new Logger('NotificationMailer');
  private transport: Transporter | null = null;

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.smtpUrl);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  // Sends what is due; returns how many e-mails were sent.
  async sweep(): Promise<number> {
    if (!this.config.smtpUrl) return 0;
    this.transport ??= createTransport(this.config.smtpUrl);
    let sent = 0;
    for (;;) {
      const batch = await this.claim();
      for (const n of batch) if (await this.send(n)) sent++;
      if (batch.length < BATCH) return sent;
    }
  }

  private async claim(): Promise<Claimed[]> {
    return (
      await this.ds.query(
        `UPDATE notifications n SET email_claimed_at = now(), email_attempts = n.email_attempts + 1
         FROM (SELECT id FROM notifications
               WHERE emailed_at IS NULL AND email_claimed_at IS NULL AND email_attempts < $2
                 AND (email_retry_at IS NULL OR email_retry_at <= now())
                 AND created_at > now() - $3::interval
               ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due, users u
         WHERE n.id = due.id AND u.id = n.user_id
         RETURNING n.id, n.type, n.title, n.body, u.email, u.display_name, u.locale, n.email_attempts`,
        [BATCH, EMAIL_MAX_ATTEMPTS, EMAIL_MAX_AGE],
      )
    )[0] as Claimed[];
  }

  private async send(n: Claimed): Promise<boolean> {
    try {
      await this.transport!.sendMail({
        from: this.config.smtpFrom,
        to: n.display_name ? { name: n.display_name, address: n.email } : n.email,
        subject: n.title,
        // Title and body were written in the recipient's locale (NotificationsService); so is the footer.
        text: `${n.body ? `${n.body}\n\n` : ''}${translate(n.locale ?? 'en', 'notification.email.footer')}\n`,
        messageId: `<notification.${n.id}@roundtable>`,
        headers: {
          'X-Roundtable-Notification': n.id,
          'X-Roundtable-Notification-Type': n.type,
          ...(n.locale ? { 'Content-Language': n.locale } : {}),
        },
      });
    } catch (e) {
      // A permanent refusal (5xx) is not retried; anything else is, with a growing delay.
      const code = (e as { responseCode?: number }).responseCode;
      const permanent = typeof code === 'number' && code >= 500;
      const message = (e as Error).message.slice(0, 500);
      this.logger.warn(`e-mail for notification ${n.id} failed: ${message}`);
      await this.ds.query(
        `UPDATE notifications SET email_claimed_at = NULL, email_error = $2,
           email_attempts = CASE WHEN $3::boolean THEN $4::int ELSE email_attempts END,
           email_retry_at = now() + make_interval(secs => 30 * email_attempts * email_attempts)
         WHERE id = $1`,
        [n.id, message, permanent, EMAIL_MAX_ATTEMPTS],
      );
      return false;
    }
    await this.ds.query(`UPDATE notifications SET emailed_at = now(), email_error = NULL WHERE id = $1`, [
      n.id,
    ]);
    return true;
  }
}
