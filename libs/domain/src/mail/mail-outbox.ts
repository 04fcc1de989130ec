import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  // Names the fact the mail is about (`affiliation-invitation:<id>`): the same key is stored
  // once, however often the code that enqueues it runs.
  dedupeKey: string;
}

export interface StoredMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: string;
  sentAt: string | null;
  delivery: 'smtp' | 'log' | null;
}

// E-mail as an outbox: the mail is a row written inside the caller's transaction, so it exists
// exactly when the change that caused it committed. The worker delivers it within seconds
// (apps/worker/src/mail): over SMTP when SMTP_URL is set, otherwise to the log — and in
// development GET /dev/mail lists it.
@Injectable()
export class MailOutbox {
  constructor(private readonly ds: DataSource) {}

  // Returns true when the mail was new.
  async enqueue(em: EntityManager, mail: OutgoingMail): Promise<boolean> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO mail_outbox (to_address, subject, text_body, html_body, dedupe_key)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [mail.to, mail.subject, mail.text, mail.html ?? null, mail.dedupeKey],
    );
    return rows.length > 0;
  }

  // The address a user's mail goes to now (development inbox: "your own mail").
  async addressOf(userId: string): Promise<string | undefined> {
    const [row] = await this.ds.query(`SELECT email FROM users WHERE id = $1`, [userId]);
    return row?.email;
  }

  // Newest first (development inbox).
  async recent(to?: string, limit = 50): Promise<StoredMail[]> {
    const rows = await this.ds.query(
      `SELECT id, to_address, subject, text_body, html_body, created_at, sent_at, delivery FROM mail_outbox
       WHERE ($1::text IS NULL OR lower(to_address) = lower($1)) ORDER BY created_at DESC, id DESC LIMIT $2`,
      [to ?? null, limit],
    );
    return rows.map(
      (r: {
        id: string;
        to_address: string;
        subject: string;
        text_body: string;
        html_body: string | null;
        created_at: Date;
        sent_at: Date | null;
        delivery: 'smtp' | 'log' | null;
      }) => ({
        id: r.id,
        to: r.to_address,
        subject: r.subject,
        text: r.text_body,
        html: r.html_body,
        createdAt: new Date(r.created_at).toISOString(),
        sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
        delivery: r.delivery,
      }),
    );
  }
}
