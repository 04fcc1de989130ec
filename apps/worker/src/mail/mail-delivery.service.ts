import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@roundtable/core';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';

const BATCH = 50;
export const MAIL_MAX_ATTEMPTS = 5;

interface Claimed {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
}

// Delivers the mail outbox (MailOutbox.enqueue): over SMTP when SMTP_URL is set, otherwise to the
// log — development and tests then follow it in GET /dev/mail. Like the notification mailer, a
// row is claimed in its own committed statement (FOR UPDATE SKIP LOCKED) before the SMTP
// conversation and marked sent after it, so concurrent workers never send one twice.
@Injectable()
export class MailDelivery implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private transport: Transporter | null = null;

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  // Delivers what is due; returns how many mails went out.
  async sweep(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await this.claim();
      for (const m of batch) if (await this.deliver(m)) delivered++;
      if (batch.length < BATCH) return delivered;
    }
  }

  private async claim(): Promise<Claimed[]> {
    return (
      await this.ds.query(
        `UPDATE mail_outbox o SET claimed_at = now(), attempts = o.attempts + 1
         FROM (SELECT id FROM mail_outbox
               WHERE sent_at IS NULL AND claimed_at IS NULL AND attempts < $2 AND (retry_at IS NULL OR retry_at <= now())
               ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
         WHERE o.id = due.id
         RETURNING o.id, o.to_address, o.subject, o.text_body, o.html_body`,
        [BATCH, MAIL_MAX_ATTEMPTS],
      )
    )[0] as Claimed[];
  }

  private async deliver(m: Claimed): Promise<boolean> {
    if (!this.config.smtpUrl) {
      this.logger.log(
        `mail (SMTP_URL unset, not sent; see GET /api/v1/dev/mail) to ${m.to_address}: ${m.subject}\n${m.text_body}`,
      );
      await this.ds.query(`UPDATE mail_outbox SET sent_at = now(), delivery = 'log' WHERE id = $1`, [m.id]);
      return true;
    }
    this.transport ??= createTransport(this.config.smtpUrl);
    try {
      await this.transport.sendMail({
        from: this.config.smtpFrom,
        to: m.to_address,
        subject: m.subject,
        text: m.text_body,
        ...(m.html_body ? { html: m.html_body } : {}),
        messageId: `<mail.${m.id}@roundtable>`,
      });
    } catch (e) {
      // A permanent refusal (5xx) is not retried; anything else is, with a growing delay.
      const code = (e as { responseCode?: number }).responseCode;
      const permanent = typeof code === 'number' && code >= 500;
      const message = (e as Error).message.slice(0, 500);
      this.logger.warn(`mail ${m.id} failed: ${message}`);
      await this.ds.query(
        `UPDATE mail_outbox SET claimed_at = NULL, last_error = $2,
           attempts = CASE WHEN $3::boolean THEN $4::int ELSE attempts END,
           retry_at = now() + make_interval(secs => 30 * attempts * attempts)
         WHERE id = $1`,
        [m.id, message, permanent, MAIL_MAX_ATTEMPTS],
      );
      return false;
    }
    await this.ds.query(
      `UPDATE mail_outbox SET sent_at = now(), delivery = 'smtp', last_error = NULL WHERE id = $1`,
      [m.id],
    );
    return true;
  }
}
