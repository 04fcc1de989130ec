import { MigrationInterface, QueryRunner } from 'typeorm';

// Languages (docs/languages.md): group documents with revisions, and one translation table for
// every translatable kind. A source's significant revisions are kept in translation_sources
// (one row per revision, with the source fields as they stood), so a translation names the
// revision it was made from, is stale once a newer one exists, and the editor can show what
// changed since. Minor edits rewrite the latest revision's fields without adding one.
export class Languages1764000014000 implements MigrationInterface {
  name = 'Languages1764000014000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE group_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        kind text NOT NULL CHECK (kind IN ('policy_statement','terms_of_reference','vps_text','explanatory','other')),
        title text NOT NULL,
        body text NOT NULL,
        source_locale text NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users(id),
        updated_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX group_documents_group_idx ON group_documents (group_id, created_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE group_document_revisions (
        document_id uuid NOT NULL REFERENCES group_documents(id),
        revision integer NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        minor boolean NOT NULL DEFAULT false,
        author_user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, revision)
      )`);
    await q.query(`
      CREATE TABLE translation_sources (
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        revision integer NOT NULL,
        group_id uuid NOT NULL REFERENCES groups(id),
        fields jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entity_type, entity_id, revision)
      )`);
    await q.query(`
      CREATE TABLE translations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entity_type text NOT NULL CHECK (entity_type IN ('document','agreement_clause','agreement_annex','agenda_item','minutes','recommendation')),
        entity_id uuid NOT NULL,
        locale text NOT NULL,
        group_id uuid NOT NULL REFERENCES groups(id),
        fields jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('draft','reviewed','approved')),
        authentic boolean NOT NULL DEFAULT false,
        source_revision integer NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        updated_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (entity_type, entity_id, locale),
        CHECK (NOT authentic OR entity_type IN ('agreement_clause','agreement_annex'))
      )`);
    await q.query(`CREATE INDEX translations_group_idx ON translations (group_id, entity_type, entity_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE translations`);
    await q.query(`DROP TABLE translation_sources`);
    await q.query(`DROP TABLE group_document_revisions`);
    await q.query(`DROP TABLE group_documents`);
  }
}
