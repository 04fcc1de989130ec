import { MigrationInterface, QueryRunner } from 'typeorm';

// Engagement with public security (issue 15): training programmes and sessions, forces assigned to
// sites, equipment requests (restricted: deciding company, requesting organisation, shares) and
// the contributions register (`parties` entries: contributing and receiving organisations only).
// Two new event scope kinds follow them: equipment_request and contribution.
export class Engagement1764000015000 implements MigrationInterface {
  name = 'Engagement1764000015000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assigned_forces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        site_id uuid NOT NULL REFERENCES sites(id),
        agency_organisation_id uuid NOT NULL REFERENCES organisations(id),
        headcount integer NOT NULL CHECK (headcount >= 0),
        as_of date NOT NULL,
        next_rotation_on date,
        updated_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (site_id, agency_organisation_id)
      )`);
    // Every PUT is kept: the rotations of a site's contingent over time.
    await q.query(`
      CREATE TABLE assigned_force_rotations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assigned_force_id uuid NOT NULL REFERENCES assigned_forces(id),
        headcount integer NOT NULL CHECK (headcount >= 0),
        as_of date NOT NULL,
        next_rotation_on date,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX assigned_force_rotations_force_idx ON assigned_force_rotations (assigned_force_id, as_of)`,
    );
    await q.query(`
      CREATE TABLE training_programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        audience text NOT NULL CHECK (audience IN ('police','military','gendarmerie','private_security','mixed')),
        agency_organisation_id uuid NOT NULL REFERENCES organisations(id),
        provider_organisation_id uuid REFERENCES organisations(id),
        agreement_id uuid REFERENCES agreements(id),
        clause_key text,
        catalogue_edition text NOT NULL CHECK (catalogue_edition IN ('2nd','3rd')),
        topics text[] NOT NULL,
        created_by uuid REFERENCES users(id),
        created_by_organisation_id uuid NOT NULL REFERENCES organisations(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (clause_key IS NULL OR agreement_id IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX training_programmes_group_idx ON training_programmes (group_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX training_programmes_agreement_idx ON training_programmes (agreement_id) WHERE agreement_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE training_programme_sites (
        programme_id uuid NOT NULL REFERENCES training_programmes(id),
        site_id uuid NOT NULL REFERENCES sites(id),
        PRIMARY KEY (programme_id, site_id)
      )`);
    await q.query(`
      CREATE TABLE training_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES training_programmes(id),
        group_id uuid NOT NULL REFERENCES groups(id),
        held_on date NOT NULL,
        location text NOT NULL,
        language text NOT NULL,
        topics text[] NOT NULL,
        trainees_total integer NOT NULL CHECK (trainees_total >= 0),
        trainees_women integer NOT NULL CHECK (trainees_women >= 0 AND trainees_women <= trainees_total),
        pre_test_average numeric(5,2) CHECK (pre_test_average BETWEEN 0 AND 100),
        post_test_average numeric(5,2) CHECK (post_test_average BETWEEN 0 AND 100),
        recorded_by uuid REFERENCES users(id),
        recorded_by_organisation_id uuid NOT NULL REFERENCES organisations(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX training_sessions_programme_idx ON training_sessions (programme_id, held_on)`,
    );
    await q.query(`
      CREATE TABLE equipment_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        site_id uuid REFERENCES sites(id),
        requesting_organisation_id uuid NOT NULL REFERENCES organisations(id),
        deciding_organisation_id uuid NOT NULL REFERENCES organisations(id),
        purpose text NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received','under_assessment','approved',
          'approved_with_conditions','declined','withdrawn','handed_over','monitoring','returned','closed')),
        assessment_risks text,
        assessment_alternatives text,
        assessment_note text,
        assessed_by uuid REFERENCES users(id),
        assessed_at timestamptz,
        decision_outcome text CHECK (decision_outcome IN ('approved','approved_with_conditions','declined')),
        decision_risks text,
        decision_alternatives text,
        decision_conditions text,
        decision_rationale text,
        decision_agreement_id uuid REFERENCES agreements(id),
        decision_clause_key text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX equipment_requests_group_idx ON equipment_requests (group_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX equipment_requests_agreement_idx ON equipment_requests (decision_agreement_id) WHERE decision_agreement_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE equipment_request_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES equipment_requests(id),
        position integer NOT NULL,
        category text NOT NULL CHECK (category IN ('vehicle','fuel','communications','food','medical','accommodation','non_lethal','lethal','other')),
        description text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        transfer text NOT NULL CHECK (transfer IN ('loan','donation')),
        UNIQUE (request_id, position)
      )`);
    await q.query(`
      CREATE TABLE equipment_request_shares (
        request_id uuid NOT NULL REFERENCES equipment_requests(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        PRIMARY KEY (request_id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE equipment_request_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES equipment_requests(id),
        status_from text NOT NULL,
        status_to text NOT NULL,
        note text,
        actor_user_id uuid REFERENCES users(id),
        actor_organisation_id uuid REFERENCES organisations(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX equipment_request_steps_request_idx ON equipment_request_steps (request_id, at)`,
    );
    await q.query(`
      CREATE TABLE equipment_monitoring_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES equipment_requests(id),
        method text NOT NULL CHECK (method IN ('report','accompanied','inspection','third_party')),
        finding text NOT NULL,
        non_compliance_id uuid REFERENCES non_compliance_reports(id),
        recorded_by uuid REFERENCES users(id),
        recorded_by_organisation_id uuid REFERENCES organisations(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX equipment_monitoring_request_idx ON equipment_monitoring_entries (request_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE contributions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES groups(id),
        contributing_organisation_id uuid NOT NULL REFERENCES organisations(id),
        recipient_organisation_id uuid NOT NULL REFERENCES organisations(id),
        kind text NOT NULL CHECK (kind IN ('allowance','per_diem','goods','services','fuel','infrastructure','other')),
        description text NOT NULL,
        amount numeric(18,2) CHECK (amount >= 0),
        currency text CHECK (currency ~ '^[A-Z]{3}$'),
        quantity numeric(18,2) CHECK (quantity >= 0),
        period_from date NOT NULL,
        period_to date NOT NULL,
        agreement_id uuid REFERENCES agreements(id),
        clause_key text,
        disclosure text NOT NULL CHECK (disclosure IN ('parties','group')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_to >= period_from),
        CHECK ((amount IS NULL) = (currency IS NULL))
      )`);
    await q.query(`CREATE INDEX contributions_group_idx ON contributions (group_id, created_at, id)`);
    await q.query(
      `CREATE INDEX contributions_agreement_idx ON contributions (agreement_id) WHERE agreement_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE group_events DROP CONSTRAINT group_events_scope_kind_check`);
    await q.query(`ALTER TABLE group_events ADD CONSTRAINT group_events_scope_kind_check CHECK (scope_kind IN
      ('incident','agreement','agreement_content','non_compliance','equipment_request','contribution'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM group_events WHERE scope_kind IN ('equipment_request','contribution')`);
    // audit_events.scope_kind comes from a later migration (1764000017000), undone before this one.
    const [auditScoped] = await q.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'audit_events' AND column_name = 'scope_kind'`,
    );
    if (auditScoped)
      await q.query(`DELETE FROM audit_events WHERE scope_kind IN ('equipment_request','contribution')`);
    await q.query(`ALTER TABLE group_events DROP CONSTRAINT group_events_scope_kind_check`);
    await q.query(`ALTER TABLE group_events ADD CONSTRAINT group_events_scope_kind_check CHECK (scope_kind IN
      ('incident','agreement','agreement_content','non_compliance'))`);
    for (const table of [
      'contributions',
      'equipment_monitoring_entries',
      'equipment_request_steps',
      'equipment_request_shares',
      'equipment_request_items',
      'equipment_requests',
      'training_sessions',
      'training_programme_sites',
      'training_programmes',
      'assigned_force_rotations',
      'assigned_forces',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
