import { MigrationInterface, QueryRunner } from 'typeorm';

// Agreements (DESIGN.md "Agreements: MoUs and site security agreements"): sites, agreements and
// their parties, versions with clauses and annexes, acceptances, signatures, legal references,
// reviews and their reminders, obligations with progress, non-compliance reports with their
// escalation steps. Visibility is decided by the access policy from agreements.visibility and
// agreement_parties; non-compliance reports add the incident-style confidentiality on top.
export class Agreements1764000010001 implements MigrationInterface {
  name = 'Agreements1764000010001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        kind text NOT NULL CHECK (kind IN ('mine','concession','processing_plant','pipeline','port','office','other')),
        region text,
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        operator_organisation_id uuid NOT NULL REFERENCES organisations(id),
        public_security_present boolean NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((lat IS NULL) = (lng IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX sites_group_name_key ON sites (group_id, lower(name))`);

    await q.query(`
      CREATE TABLE agreements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        kind text NOT NULL CHECK (kind IN ('mou','site_security_agreement','exchange_of_letters','specific_agreement')),
        level text NOT NULL CHECK (level IN ('national','regional','local','site')),
        parent_agreement_id uuid REFERENCES agreements(id),
        visibility text NOT NULL CHECK (visibility IN ('parties','summary','group')),
        template_key text,
        catalogue_edition text NOT NULL,
        source_locale text NOT NULL,
        effective_from date,
        expires_on date,
        review_interval_months integer NOT NULL CHECK (review_interval_months BETWEEN 1 AND 120),
        -- The date reviews are counted from: entry into force, then each review.
        review_anchor_on date,
        next_review_on date,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','negotiating','signed','in_force','under_review',
          'suspended','terminated','expired','abandoned')),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        signed_on date,
        in_force_since date,
        current_version_id uuid,
        created_by uuid NOT NULL REFERENCES users(id),
        created_by_organisation_id uuid NOT NULL REFERENCES organisations(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_agreement_id IS DISTINCT FROM id),
        CHECK (expires_on IS NULL OR effective_from IS NULL OR expires_on > effective_from)
      )`);
    await q.query(`CREATE INDEX agreements_group_idx ON agreements (group_id, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX agreements_parent_idx ON agreements (parent_agreement_id) WHERE parent_agreement_id IS NOT NULL`,
    );
    // The worker's scan looks only at agreements that a date can still change.
    await q.query(
      `CREATE INDEX agreements_live_idx ON agreements (status) WHERE status IN ('signed','in_force','under_review','suspended')`,
    );

    await q.query(`
      CREATE TABLE agreement_sites (
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        site_id uuid NOT NULL REFERENCES sites(id),
        PRIMARY KEY (agreement_id, site_id)
      )`);
    await q.query(`CREATE INDEX agreement_sites_site_idx ON agreement_sites (site_id)`);

    await q.query(`
      CREATE TABLE agreement_parties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role text NOT NULL CHECK (role IN ('company','public_security','host_government','local_authority','witness','other')),
        unit text,
        signature_required boolean NOT NULL,
        position integer NOT NULL,
        UNIQUE (agreement_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX agreement_parties_org_idx ON agreement_parties (organisation_id)`);

    await q.query(`
      CREATE TABLE agreement_status_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        status_from text,
        status_to text NOT NULL,
        reason text,
        actor_user_id uuid REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX agreement_status_history_idx ON agreement_status_history (agreement_id, at, id)`,
    );

    await q.query(`
      CREATE TABLE agreement_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        number integer NOT NULL CHECK (number >= 1),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','proposed','agreed','superseded')),
        based_on_version integer,
        change_summary text,
        -- Optimistic concurrency: every save increments it; a save naming a stale one is refused.
        revision integer NOT NULL DEFAULT 1,
        -- Catalogue keys a)–j) this version covers (computed on save, read by the indicators).
        coverage text[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users(id),
        proposed_by uuid REFERENCES users(id),
        proposed_at timestamptz,
        agreed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agreement_id, number)
      )`);
    // At most one version under negotiation per agreement.
    await q.query(
      `CREATE UNIQUE INDEX agreement_versions_open_key ON agreement_versions (agreement_id) WHERE status IN ('draft','proposed')`,
    );
    await q.query(
      `ALTER TABLE agreements ADD CONSTRAINT agreements_current_version_fk FOREIGN KEY (current_version_id) REFERENCES agreement_versions(id)`,
    );

    // Clauses and annexes have ids of their own (translations address them).
    await q.query(`
      CREATE TABLE agreement_clauses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES agreement_versions(id),
        key text NOT NULL,
        position integer NOT NULL,
        heading text NOT NULL,
        body text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (version_id, key)
      )`);
    await q.query(`
      CREATE TABLE agreement_annexes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES agreement_versions(id),
        key text NOT NULL,
        position integer NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (version_id, key)
      )`);

    await q.query(`
      CREATE TABLE agreement_acceptances (
        version_id uuid NOT NULL REFERENCES agreement_versions(id),
        party_id uuid NOT NULL REFERENCES agreement_parties(id),
        revision integer NOT NULL,
        accepted_by uuid NOT NULL REFERENCES users(id),
        accepted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (version_id, party_id)
      )`);
    await q.query(`
      CREATE TABLE agreement_signatures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES agreement_versions(id),
        party_id uuid NOT NULL REFERENCES agreement_parties(id),
        signatory_name text NOT NULL,
        signatory_title text NOT NULL,
        signed_on date NOT NULL,
        method text NOT NULL CHECK (method IN ('wet_ink','electronic','exchange_of_letters')),
        recorded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (version_id, party_id)
      )`);

    await q.query(`
      CREATE TABLE agreement_legal_references (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        kind text NOT NULL CHECK (kind IN ('statute','decree','regulation','treaty','agreement','other')),
        citation text NOT NULL,
        url text,
        clause_key text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX agreement_legal_references_idx ON agreement_legal_references (agreement_id, created_at, id)`,
    );

    await q.query(`
      CREATE TABLE agreement_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        outcome text NOT NULL CHECK (outcome IN ('reaffirmed','revise','terminate')),
        note text NOT NULL,
        reviewed_on date NOT NULL,
        next_review_on date,
        reviewer_user_id uuid REFERENCES users(id),
        reviewer_organisation_id uuid REFERENCES organisations(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX agreement_reviews_idx ON agreement_reviews (agreement_id, created_at, id)`);
    await q.query(`
      CREATE TABLE agreement_review_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        reason text NOT NULL,
        requested_by uuid REFERENCES users(id),
        requested_by_organisation_id uuid REFERENCES organisations(id),
        review_id uuid REFERENCES agreement_reviews(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX agreement_review_requests_idx ON agreement_review_requests (agreement_id, created_at, id)`,
    );
    // Each (review date, days before) reminder slot handled, written in the transaction that
    // notifies: a retried job, a restarted or second worker finds the slot taken.
    await q.query(`
      CREATE TABLE agreement_review_reminders (
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        review_on date NOT NULL,
        days_before integer NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent','skipped')),
        recipients integer NOT NULL DEFAULT 0,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, review_on, days_before)
      )`);

    await q.query(`
      CREATE TABLE obligations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        clause_key text NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        responsible_organisation_id uuid NOT NULL REFERENCES organisations(id),
        due_date date,
        rrule text,
        -- The due date now running: due_date, or for a recurring obligation the first occurrence
        -- after the last one fulfilled. NULL: nothing is due.
        next_due_on date,
        last_fulfilled_on date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','met','partially_met','not_met','waived')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        -- The due date the overdue notification was sent for (see recommendations).
        overdue_notified_for date,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CHECK ((status IN ('met','partially_met','not_met','waived')) = (completed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX obligations_agreement_idx ON obligations (agreement_id, created_at, id)`);
    await q.query(
      `CREATE INDEX obligations_pending_due_idx ON obligations (next_due_on) WHERE status IN ('open','in_progress')`,
    );
    await q.query(`
      CREATE TABLE obligation_progress (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        obligation_id uuid NOT NULL REFERENCES obligations(id),
        author_user_id uuid REFERENCES users(id),
        author_organisation_id uuid REFERENCES organisations(id),
        note text NOT NULL,
        status_from text,
        status_to text,
        progress_from integer,
        progress_to integer,
        fulfilled_due_on date,
        evidence_urls text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX obligation_progress_idx ON obligation_progress (obligation_id, created_at, id)`,
    );

    await q.query(`
      CREATE TABLE non_compliance_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        obligation_id uuid REFERENCES obligations(id),
        site_id uuid REFERENCES sites(id),
        clause_keys text[] NOT NULL,
        description text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('low','medium','high','critical')),
        confidentiality text NOT NULL CHECK (confidentiality IN ('group','restricted')),
        anonymous boolean NOT NULL DEFAULT false,
        reporter_user_id uuid NOT NULL REFERENCES users(id),
        reporter_organisation_id uuid NOT NULL REFERENCES organisations(id),
        status text NOT NULL DEFAULT 'reported' CHECK (status IN ('reported','acknowledged','raised_with_authorities',
          'action_agreed','resolved','unresolved','dismissed')),
        recommendation_id uuid REFERENCES recommendations(id),
        acknowledged_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX non_compliance_group_idx ON non_compliance_reports (group_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX non_compliance_agreement_idx ON non_compliance_reports (agreement_id, created_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE non_compliance_shares (
        report_id uuid NOT NULL REFERENCES non_compliance_reports(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        PRIMARY KEY (report_id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE non_compliance_incidents (
        report_id uuid NOT NULL REFERENCES non_compliance_reports(id),
        incident_id uuid NOT NULL REFERENCES incidents(id),
        PRIMARY KEY (report_id, incident_id)
      )`);
    await q.query(`
      CREATE TABLE non_compliance_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES non_compliance_reports(id),
        status_from text,
        status_to text NOT NULL,
        note text NOT NULL,
        actor_user_id uuid REFERENCES users(id),
        actor_organisation_id uuid REFERENCES organisations(id),
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX non_compliance_steps_idx ON non_compliance_steps (report_id, at, id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'non_compliance_steps',
      'non_compliance_incidents',
      'non_compliance_shares',
      'non_compliance_reports',
      'obligation_progress',
      'obligations',
      'agreement_review_reminders',
      'agreement_review_requests',
      'agreement_reviews',
      'agreement_legal_references',
      'agreement_signatures',
      'agreement_acceptances',
      'agreement_annexes',
      'agreement_clauses',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE agreements DROP CONSTRAINT agreements_current_version_fk`);
    await q.query(`DROP TABLE agreement_versions`);
    await q.query(`DROP TABLE agreement_status_history`);
    await q.query(`DROP TABLE agreement_parties`);
    await q.query(`DROP TABLE agreement_sites`);
    await q.query(`DROP TABLE agreements`);
    await q.query(`DROP TABLE sites`);
  }
}
