import { MigrationInterface, QueryRunner } from 'typeorm';

// Files hung on an owner (incident, incident update, minutes, agreement version, non-compliance
// report, recommendation progress report, ...). The owner is (owner_kind, owner_id) without a
// foreign key: the kinds are a registry in code (docs/files.md), and every read resolves the owner
// through the access policy, so an attachment is exactly as visible as its owner.
export class Attachments1764000013000 implements MigrationInterface {
  name = 'Attachments1764000013000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES groups(id),
        owner_kind text NOT NULL,
        owner_id uuid NOT NULL,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        thumbnail_key text,
        metadata_removed text[] NOT NULL DEFAULT '{}',
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_by_organisation_id uuid NOT NULL REFERENCES organisations(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX attachments_owner_idx ON attachments (owner_kind, owner_id, created_at, id)`);
    // Downloading a restricted incident's file is a read of that incident, logged like the others.
    await q.query(`ALTER TABLE incident_access_log DROP CONSTRAINT incident_access_log_action_check,
      ADD CONSTRAINT incident_access_log_action_check CHECK (action IN ('view','view_updates','list','download_attachment'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM incident_access_log WHERE action = 'download_attachment'`);
    await q.query(`ALTER TABLE incident_access_log DROP CONSTRAINT incident_access_log_action_check,
      ADD CONSTRAINT incident_access_log_action_check CHECK (action IN ('view','view_updates','list'))`);
    await q.query(`DROP TABLE attachments`);
  }
}
