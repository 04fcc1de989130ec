import { MigrationInterface, QueryRunner } from 'typeorm';

// Who speaks for an organisation (docs/organisations.md). An affiliation is confirmed ('active')
// only by an admin of the organisation: an invitation the user accepts, a request an admin
// approves, or an e-mail domain the organisation lists and the user has verified. Group
// memberships are held through a confirmed affiliation; one for an organisation the invitee does
// not speak for waits in 'pending_organisation' until an admin approves it.
//
// Existing data: every organisation's creator becomes its first admin, and every person holding
// (or invited to) a membership through an organisation becomes a confirmed member of it — the
// platform trusted those memberships before, and dropping them would lock groups out. Invitations
// to addresses without an account count as approved by the organisation; they take effect once
// the address is verified by whoever accepts them.
export class OrganisationAffiliations1764000007000 implements MigrationInterface {
  name = 'OrganisationAffiliations1764000007000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz`);

    await q.query(`
      ALTER TABLE organisations
        ADD COLUMN verified boolean NOT NULL DEFAULT false,
        ADD COLUMN verified_at timestamptz,
        ADD COLUMN verified_by uuid REFERENCES users(id),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);

    await q.query(`
      CREATE TABLE affiliations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        user_id uuid REFERENCES users(id),
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','member')),
        status text NOT NULL CHECK (status IN ('invited','requested','active','declined','rejected','ended')),
        source text NOT NULL CHECK (source IN ('creator','invitation','request','domain','membership','migration')),
        message text,
        invited_by uuid REFERENCES users(id),
        confirmed_by uuid REFERENCES users(id),
        confirmed_at timestamptz,
        ended_by uuid REFERENCES users(id),
        ended_at timestamptz,
        ended_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'active' OR (user_id IS NOT NULL AND confirmed_at IS NOT NULL))
      )`);
    // One open affiliation (invited, requested or active) per person and organisation.
    await q.query(
      `CREATE UNIQUE INDEX affiliations_open_key ON affiliations (organisation_id, lower(email))
       WHERE status IN ('invited','requested','active')`,
    );
    await q.query(`CREATE INDEX affiliations_user_idx ON affiliations (user_id, status)`);
    await q.query(`CREATE INDEX affiliations_organisation_idx ON affiliations (organisation_id, status)`);
    await q.query(`CREATE INDEX affiliations_email_idx ON affiliations (lower(email)) WHERE user_id IS NULL`);

    await q.query(`
      CREATE TABLE organisation_domains (
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        domain text NOT NULL CHECK (domain = lower(domain) AND length(domain) BETWEEN 3 AND 253),
        added_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, domain)
      )`);
    await q.query(`CREATE INDEX organisation_domains_domain_idx ON organisation_domains (domain)`);

    await q.query(`
      CREATE TABLE email_verification_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        email text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX email_verification_tokens_user_idx ON email_verification_tokens (user_id)`);

    await q.query(`
      ALTER TABLE memberships
        ADD COLUMN affiliation_id uuid REFERENCES affiliations(id),
        ADD COLUMN organisation_approved_by uuid REFERENCES users(id),
        ADD COLUMN organisation_approved_at timestamptz`);
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_status_check`);
    await q.query(`
      ALTER TABLE memberships ADD CONSTRAINT memberships_status_check
        CHECK (status IN ('pending_organisation','invited','active','declined','ended'))`);
    await q.query(`DROP INDEX memberships_open_email_key`);
    await q.query(
      `CREATE UNIQUE INDEX memberships_open_email_key ON memberships (group_id, lower(email))
       WHERE status IN ('pending_organisation','invited','active')`,
    );
    await q.query(`CREATE INDEX memberships_affiliation_idx ON memberships (affiliation_id)`);
    await q.query(`CREATE INDEX memberships_organisation_idx ON memberships (organisation_id, status)`);

    // Existing data (see the comment at the top).
    await q.query(`
      INSERT INTO affiliations (organisation_id, user_id, email, role, status, source, confirmed_at, created_at)
      SELECT o.id, u.id, u.email, 'admin', 'active', 'creator', o.created_at, o.created_at
      FROM organisations o JOIN users u ON u.id = o.created_by`);
    await q.query(`
      INSERT INTO affiliations (organisation_id, user_id, email, role, status, source, confirmed_at, created_at)
      SELECT DISTINCT ON (m.organisation_id, m.user_id) m.organisation_id, m.user_id, u.email, 'member', 'active',
             'migration', now(), now()
      FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.status IN ('invited','active')
        AND NOT EXISTS (SELECT 1 FROM affiliations a WHERE a.organisation_id = m.organisation_id AND a.user_id = m.user_id)
      ORDER BY m.organisation_id, m.user_id`);
    await q.query(`
      UPDATE memberships m SET affiliation_id = a.id
      FROM affiliations a
      WHERE m.status IN ('invited','active') AND a.organisation_id = m.organisation_id AND a.user_id = m.user_id
        AND a.status = 'active'`);
    await q.query(`
      UPDATE memberships SET organisation_approved_at = invited_at, organisation_approved_by = invited_by
      WHERE status = 'invited' AND user_id IS NULL`);

    // An active membership always names the confirmed affiliation it is held through.
    await q.query(`
      ALTER TABLE memberships ADD CONSTRAINT memberships_active_affiliation_check
        CHECK (status <> 'active' OR affiliation_id IS NOT NULL)`);
    // An invitation names its affiliation or the organisation's approval.
    await q.query(`
      ALTER TABLE memberships ADD CONSTRAINT memberships_invited_approval_check
        CHECK (status <> 'invited' OR affiliation_id IS NOT NULL OR organisation_approved_at IS NOT NULL)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_invited_approval_check`);
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_active_affiliation_check`);
    await q.query(`DROP INDEX memberships_organisation_idx`);
    await q.query(`DROP INDEX memberships_affiliation_idx`);
    // Pending memberships did not exist before: they never granted anything, so they end.
    await q.query(
      `UPDATE memberships SET status = 'ended', ended_at = now(), ended_reason = 'pending organisation approval (migration rolled back)'
       WHERE status = 'pending_organisation'`,
    );
    await q.query(`DROP INDEX memberships_open_email_key`);
    await q.query(
      `CREATE UNIQUE INDEX memberships_open_email_key ON memberships (group_id, lower(email)) WHERE status IN ('invited','active')`,
    );
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_status_check`);
    await q.query(`
      ALTER TABLE memberships ADD CONSTRAINT memberships_status_check
        CHECK (status IN ('invited','active','declined','ended'))`);
    await q.query(`
      ALTER TABLE memberships
        DROP COLUMN organisation_approved_at,
        DROP COLUMN organisation_approved_by,
        DROP COLUMN affiliation_id`);
    await q.query(`DROP TABLE email_verification_tokens`);
    await q.query(`DROP TABLE organisation_domains`);
    await q.query(`DROP TABLE affiliations`);
    await q.query(`
      ALTER TABLE organisations
        DROP COLUMN updated_at, DROP COLUMN verified_by, DROP COLUMN verified_at, DROP COLUMN verified`);
    await q.query(`ALTER TABLE users DROP COLUMN email_verified_at`);
  }
}
