import { Injectable } from '@nestjs/common';
import {
  FieldError,
  ForbiddenProblem,
  NotFoundProblem,
  Page,
  pageLimit,
  PgRow,
  toPage,
} from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { mayAssignForces, mayKeepTraining } from '../../access/engagement-rules';
import { GroupAccessPolicy, GroupActor } from '../../access/group-access.policy';
import { fail } from '../../agreements/agreement-checks';
import { createdKey, createdKeyset } from '../../agreements/keyset';
import { ChangeRecorder } from '../../events/change-recorder';
import {
  AssignedForceDto,
  CreateTrainingProgrammeDto,
  CreateTrainingSessionDto,
  PutAssignedForcesDto,
  TrainingProgrammeDto,
  TrainingProgrammeQuery,
  TrainingSessionDto,
} from '../dto/training.dto';
import { checkAgreementLink, checkRepresented, checkSites, dateText, orgJson } from '../engagement-checks';
import { CoverageForce, CoverageSession, trainingCoverage } from './training-coverage';
import { LATEST_TRAINING_EDITION, TrainingCatalogueEdition } from './training-topics.catalogue';

const PROGRAMME_SELECT = `
  SELECT p.id, p.group_id, p.title, p.audience, p.agency_organisation_id, p.provider_organisation_id, p.agreement_id,
         p.clause_key, p.catalogue_edition, p.topics, p.created_by_organisation_id, p.created_at, p.updated_at,
         ${createdKey('p')},
         ${orgJson('ag')} AS agency, CASE WHEN pr.id IS NULL THEN NULL ELSE ${orgJson('pr')} END AS provider,
         coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name)
                   FROM training_programme_sites ps JOIN sites s ON s.id = ps.site_id WHERE ps.programme_id = p.id), '[]') AS sites,
         coalesce((SELECT json_agg(json_build_object('heldOn', ${dateText('ts.held_on')}, 'topics', ts.topics,
                     'total', ts.trainees_total, 'women', ts.trainees_women,
                     'pre', ts.pre_test_average, 'post', ts.post_test_average))
                   FROM training_sessions ts WHERE ts.programme_id = p.id), '[]') AS session_facts,
         coalesce((SELECT json_agg(json_build_object('siteId', f.site_id, 'headcount', f.headcount,
                     'asOf', ${dateText('f.as_of')}, 'nextRotationOn', ${dateText('f.next_rotation_on')}))
                   FROM assigned_forces f JOIN training_programme_sites ps ON ps.site_id = f.site_id AND ps.programme_id = p.id
                   WHERE f.agency_organisation_id = p.agency_organisation_id), '[]') AS forces
  FROM training_programmes p
  JOIN organisations ag ON ag.id = p.agency_organisation_id
  LEFT JOIN organisations pr ON pr.id = p.provider_organisation_id`;

const FORCE_SELECT = `
  SELECT f.id, f.site_id, f.headcount, ${dateText('f.as_of')} AS as_of, ${dateText('f.next_rotation_on')} AS next_rotation_on,
         f.updated_at, ${orgJson('o')} AS agency,
         coalesce((SELECT json_agg(json_build_object('headcount', r.headcount, 'asOf', ${dateText('r.as_of')},
                     'nextRotationOn', ${dateText('r.next_rotation_on')}, 'recordedAt', r.recorded_at) ORDER BY r.recorded_at DESC, r.id)
                   FROM assigned_force_rotations r WHERE r.assigned_force_id = f.id), '[]') AS rotations
  FROM assigned_forces f JOIN organisations o ON o.id = f.agency_organisation_id`;

// Training of the public security forces assigned to sites: programmes, sessions (counts only,
// never names) and the forces assigned per site and agency, from which coverage is computed.
// Every member of the group sees them.
@Injectable()
export class TrainingService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: GroupAccessPolicy,
    private readonly changes: ChangeRecorder,
  ) {}

  async createProgramme(
    userId: string,
    groupId: string,
    dto: CreateTrainingProgrammeDto,
  ): Promise<TrainingProgrammeDto> {
    return this.ds.transaction(async (em) => {
      const actor = await this.access.require(userId, groupId, 'contribute', em);
      const errors: FieldError[] = [];
      await checkRepresented(
        em,
        groupId,
        [
          { field: 'agencyOrganisationId', id: dto.agencyOrganisationId },
          { field: 'providerOrganisationId', id: dto.providerOrganisationId },
        ],
        errors,
      );
      const sites = await checkSites(em, groupId, dto.siteIds ?? [], 'siteIds', errors);
      const link = await checkAgreementLink(
        em,
        groupId,
        actor.organisationId,
        dto.agreementId,
        dto.clauseKey,
        errors,
      );
      if (errors.length) fail(errors);
      const edition: TrainingCatalogueEdition = dto.catalogueEdition ?? LATEST_TRAINING_EDITION;
      const [row] = await em.query(
        `INSERT INTO training_programmes (group_id, title, audience, agency_organisation_id, provider_organisation_id,
           agreement_id, clause_key, catalogue_edition, topics, created_by, created_by_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          groupId,
          dto.title,
          dto.audience,
          dto.agencyOrganisationId.toLowerCase(),
          dto.providerOrganisationId?.toLowerCase() ?? null,
          link.agreementId,
          link.clauseKey,
          edition,
          dto.topics,
          userId,
          actor.organisationId,
        ],
      );
      if (sites.length)
        await em.query(
          `INSERT INTO training_programme_sites (programme_id, site_id) SELECT $1, unnest($2::uuid[])`,
          [row.id, sites.map((s) => s.id)],
        );
      await this.changes.record(em, {
        groupId,
        type: 'training.programme_created',
        entityType: 'training_programme',
        entityId: row.id,
        actorUserId: userId,
        data: {
          programmeId: row.id,
          title: dto.title,
          audience: dto.audience,
          agencyOrganisationId: dto.agencyOrganisationId.toLowerCase(),
          agreementId: link.agreementId,
        },
        audit: { audience: dto.audience, agreementId: link.agreementId, siteIds: sites.map((s) => s.id) },
      });
      return this.view(em, row.id, actor, false);
    });
  }

  async list(
    userId: string,
    groupId: string,
    q: TrainingProgrammeQuery,
  ): Promise<Page<TrainingProgrammeDto>> {
    const actor = await this.access.require(userId, groupId);
    const limit = pageLimit(q);
    const params: unknown[] = [groupId, limit + 1];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = ['p.group_id = $1'];
    if (q.siteId)
      where.push(
        `EXISTS (SELECT 1 FROM training_programme_sites fs WHERE fs.programme_id = p.id AND fs.site_id = ${param(q.siteId)}::uuid)`,
      );
    if (q.agencyOrganisationId)
      where.push(`p.agency_organisation_id = ${param(q.agencyOrganisationId)}::uuid`);
    where.push(createdKeyset(q, 'p', params, 'asc'));
    const rows = await this.ds.query(
      `${PROGRAMME_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.created_at, p.id LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r: PgRow) => [r.created_key, r.id],
      (r) => toProgramme(r, actor),
    );
  }

  async get(userId: string, programmeId: string): Promise<TrainingProgrammeDto> {
    const { actor } = await this.requireProgramme(userId, programmeId, this.ds.manager);
    return this.view(this.ds.manager, programmeId, actor, true);
  }

  async recordSession(
    userId: string,
    programmeId: string,
    dto: CreateTrainingSessionDto,
  ): Promise<TrainingSessionDto> {
    return this.ds.transaction(async (em) => {
      const { actor, programme } = await this.requireProgramme(userId, programmeId, em, true);
      if (!mayKeepTraining(actor, programme))
        throw new ForbiddenProblem(
          'Only the organisation that set up the programme, the agency, the provider, the focal point or a co-chair may record sessions',
        );
      if (dto.trainees.women > dto.trainees.total)
        fail([{ field: 'trainees.women', message: 'trainees.women must not exceed trainees.total' }]);
      const [row] = await em.query(
        `INSERT INTO training_sessions (programme_id, group_id, held_on, location, language, topics, trainees_total,
           trainees_women, pre_test_average, post_test_average, recorded_by, recorded_by_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          programmeId,
          programme.groupId,
          dto.heldOn,
          dto.location,
          dto.language,
          dto.topics,
          dto.trainees.total,
          dto.trainees.women,
          dto.preTestAverage ?? null,
          dto.postTestAverage ?? null,
          userId,
          actor.organisationId,
        ],
      );
      await em.query(`UPDATE training_programmes SET updated_at = now() WHERE id = $1`, [programmeId]);
      await this.changes.record(em, {
        groupId: programme.groupId,
        type: 'training.session_recorded',
        entityType: 'training_session',
        entityId: row.id,
        actorUserId: userId,
        data: {
          programmeId,
          sessionId: row.id,
          heldOn: dto.heldOn,
          trainees: { total: dto.trainees.total, women: dto.trainees.women },
        },
        audit: { programmeId, heldOn: dto.heldOn, trainees: dto.trainees.total },
      });
      const [s] = await em.query(`${SESSION_SELECT} WHERE ts.id = $1`, [row.id]);
      return toSession(s);
    });
  }

  async putForces(userId: string, siteId: string, dto: PutAssignedForcesDto): Promise<AssignedForceDto> {
    return this.ds.transaction(async (em) => {
      const [site] = await em.query(
        `SELECT id, group_id, operator_organisation_id FROM sites WHERE id = $1`,
        [siteId],
      );
      if (!site) throw new NotFoundProblem('Site');
      const actor = await this.access.require(userId, site.group_id, 'read', em, 'Site');
      const agency = dto.agencyOrganisationId.toLowerCase();
      if (!mayAssignForces(actor, { operatorOrganisationId: site.operator_organisation_id }, agency))
        throw new ForbiddenProblem(
          'Only the site operator, the agency, the focal point or a co-chair may record the forces assigned to a site',
        );
      const errors: FieldError[] = [];
      await checkRepresented(em, site.group_id, [{ field: 'agencyOrganisationId', id: agency }], errors);
      if (dto.nextRotationOn && dto.nextRotationOn < dto.asOf)
        errors.push({ field: 'nextRotationOn', message: 'nextRotationOn must not be before asOf' });
      if (errors.length) fail(errors);
      const [row] = await em.query(
        `INSERT INTO assigned_forces (group_id, site_id, agency_organisation_id, headcount, as_of, next_rotation_on, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (site_id, agency_organisation_id) DO UPDATE SET headcount = EXCLUDED.headcount, as_of = EXCLUDED.as_of,
           next_rotation_on = EXCLUDED.next_rotation_on, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING id`,
        [site.group_id, siteId, agency, dto.headcount, dto.asOf, dto.nextRotationOn ?? null, userId],
      );
      await em.query(
        `INSERT INTO assigned_force_rotations (assigned_force_id, headcount, as_of, next_rotation_on, recorded_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [row.id, dto.headcount, dto.asOf, dto.nextRotationOn ?? null, userId],
      );
      await this.changes.record(em, {
        groupId: site.group_id,
        type: 'forces.assigned',
        entityType: 'assigned_force',
        entityId: row.id,
        actorUserId: userId,
        data: { siteId, agencyOrganisationId: agency, headcount: dto.headcount, asOf: dto.asOf },
        audit: { siteId, agencyOrganisationId: agency, headcount: dto.headcount, asOf: dto.asOf },
      });
      const [f] = await em.query(`${FORCE_SELECT} WHERE f.id = $1`, [row.id]);
      return toForce(f);
    });
  }

  async listForces(userId: string, siteId: string): Promise<{ items: AssignedForceDto[] }> {
    const [site] = await this.ds.query(`SELECT group_id FROM sites WHERE id = $1`, [siteId]);
    if (!site) throw new NotFoundProblem('Site');
    await this.access.require(userId, site.group_id, 'read', undefined, 'Site');
    const rows = await this.ds.query(`${FORCE_SELECT} WHERE f.site_id = $1 ORDER BY o.name, f.id`, [siteId]);
    return { items: rows.map(toForce) };
  }

  private async requireProgramme(
    userId: string,
    programmeId: string,
    em: EntityManager,
    lock = false,
  ): Promise<{
    actor: GroupActor;
    programme: {
      groupId: string;
      createdByOrganisationId: string;
      agencyOrganisationId: string;
      providerOrganisationId: string | null;
    };
  }> {
    const [p] = await em.query(
      `SELECT group_id, created_by_organisation_id, agency_organisation_id, provider_organisation_id
       FROM training_programmes WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [programmeId],
    );
    if (!p) throw new NotFoundProblem('Training programme');
    const actor = await this.access.require(userId, p.group_id, 'read', em, 'Training programme');
    return {
      actor,
      programme: {
        groupId: p.group_id,
        createdByOrganisationId: p.created_by_organisation_id,
        agencyOrganisationId: p.agency_organisation_id,
        providerOrganisationId: p.provider_organisation_id,
      },
    };
  }

  private async view(
    em: EntityManager,
    programmeId: string,
    actor: GroupActor,
    withSessions: boolean,
  ): Promise<TrainingProgrammeDto> {
    const [row] = await em.query(`${PROGRAMME_SELECT} WHERE p.id = $1`, [programmeId]);
    if (!row) throw new NotFoundProblem('Training programme');
    const dto = toProgramme(row, actor);
    if (withSessions)
      dto.sessions = (
        await em.query(
          `${SESSION_SELECT} WHERE ts.programme_id = $1 ORDER BY ts.held_on DESC, ts.created_at DESC`,
          [programmeId],
        )
      ).map(toSession);
    return dto;
  }
}

const SESSION_SELECT = `
  SELECT ts.id, ts.programme_id, ${dateText('ts.held_on')} AS held_on, ts.location, ts.language, ts.topics, ts.trainees_total,
         ts.trainees_women, ts.pre_test_average, ts.post_test_average, ts.recorded_by, ts.created_at
  FROM training_sessions ts`;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toSession(r: PgRow): TrainingSessionDto {
  return {
    id: r.id,
    programmeId: r.programme_id,
    heldOn: r.held_on,
    location: r.location,
    language: r.language,
    topics: r.topics,
    trainees: { total: r.trainees_total, women: r.trainees_women },
    preTestAverage: num(r.pre_test_average),
    postTestAverage: num(r.post_test_average),
    recordedByUserId: r.recorded_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function toForce(r: PgRow): AssignedForceDto {
  return {
    id: r.id,
    siteId: r.site_id,
    agencyOrganisation: r.agency,
    headcount: r.headcount,
    asOf: r.as_of,
    nextRotationOn: r.next_rotation_on,
    rotations: r.rotations.map((x: PgRow) => ({ ...x, recordedAt: new Date(x.recordedAt).toISOString() })),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

// Mean of session averages weighted by their trainees (sessions without the score left out).
function weightedMean(sessions: { total: number; score: number | null }[]): number | null {
  const scored = sessions.filter((s) => s.score !== null && s.total > 0);
  const n = scored.reduce((a, s) => a + s.total, 0);
  if (!n) return null;
  return Math.round((scored.reduce((a, s) => a + s.total * (s.score ?? 0), 0) / n) * 100) / 100;
}

function toProgramme(r: PgRow, actor: GroupActor): TrainingProgrammeDto {
  const facts: (CoverageSession & { pre: unknown; post: unknown })[] = r.session_facts;
  const forces: CoverageForce[] = r.forces;
  return {
    id: r.id,
    groupId: r.group_id,
    title: r.title,
    audience: r.audience,
    agencyOrganisation: r.agency,
    providerOrganisation: r.provider,
    agreementId: r.agreement_id,
    clauseKey: r.clause_key,
    sites: r.sites,
    topics: r.topics,
    catalogueEdition: r.catalogue_edition,
    sessionCount: facts.length,
    traineesTotal: facts.reduce((n, s) => n + s.total, 0),
    traineesWomen: facts.reduce((n, s) => n + s.women, 0),
    preTestAverage: weightedMean(facts.map((s) => ({ total: s.total, score: num(s.pre) }))),
    postTestAverage: weightedMean(facts.map((s) => ({ total: s.total, score: num(s.post) }))),
    coverage: trainingCoverage(r.catalogue_edition, forces, facts),
    mayRecordSessions: mayKeepTraining(actor, {
      createdByOrganisationId: r.created_by_organisation_id,
      agencyOrganisationId: r.agency_organisation_id,
      providerOrganisationId: r.provider_organisation_id,
    }),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
