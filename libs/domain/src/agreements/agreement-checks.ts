import { BadRequestProblem, FieldError } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { agreementVisibleSql } from '../access/visibility-sql';
import { AGREEMENT_LEVELS, AgreementLevel, PartyRole } from './agreement.types';
import { PartyInputDto } from './dto/agreement.dto';

export interface PartyPlan {
  organisationId: string;
  role: PartyRole;
  unit: string | null;
  signatureRequired: boolean;
}

export function fail(errors: FieldError[]): never {
  throw new BadRequestProblem(
    errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : 'The request is invalid',
    errors,
  );
}

// Parties: distinct organisations with active members in the group, the caller's among them.
export async function checkParties(
  em: EntityManager,
  groupId: string,
  callerOrganisationId: string,
  parties: PartyInputDto[],
): Promise<PartyPlan[]> {
  const ids = parties.map((p) => p.organisationId.toLowerCase());
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      errors.push({ field: `parties.${i}.organisationId`, message: 'the organisation is already a party' });
  });
  const represented: { organisation_id: string }[] = await em.query(
    `SELECT DISTINCT organisation_id FROM memberships WHERE group_id = $1 AND status = 'active' AND organisation_id = ANY($2::uuid[])`,
    [groupId, ids],
  );
  const present = new Set(represented.map((r) => r.organisation_id));
  ids.forEach((id, i) => {
    if (!present.has(id))
      errors.push({
        field: `parties.${i}.organisationId`,
        message: `organisation ${id} has no active members in this group`,
      });
  });
  if (!ids.includes(callerOrganisationId))
    errors.push({ field: 'parties', message: 'your organisation must be one of the parties' });
  if (errors.length) fail(errors);
  return parties.map((p, i) => ({
    organisationId: ids[i],
    role: p.role,
    unit: p.unit ?? null,
    signatureRequired: p.signatureRequired ?? p.role !== 'witness',
  }));
}

export async function checkSites(em: EntityManager, groupId: string, siteIds: string[]): Promise<string[]> {
  const ids = siteIds.map((s) => s.toLowerCase());
  if (!ids.length) return [];
  const rows: { id: string }[] = await em.query(
    `SELECT id FROM sites WHERE group_id = $1 AND id = ANY($2::uuid[])`,
    [groupId, ids],
  );
  const found = new Set(rows.map((r) => r.id));
  const errors = ids
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !found.has(id))
    .map(({ i }) => ({ field: `siteIds.${i}`, message: 'no such site in this group' }));
  if (errors.length) fail(errors);
  return ids;
}

// The parent must be an agreement of the group the caller may see, at a higher level.
export async function checkParent(
  em: EntityManager,
  groupId: string,
  viewerOrganisationId: string,
  parentId: string,
  level: AgreementLevel,
  selfId?: string,
): Promise<string> {
  const id = parentId.toLowerCase();
  const [parent] = await em.query(
    `SELECT a.id, a.level FROM agreements a WHERE a.id = $1 AND a.group_id = $2 AND ${agreementVisibleSql('a', '$3')}`,
    [id, groupId, viewerOrganisationId],
  );
  if (!parent || id === selfId)
    fail([{ field: 'parentAgreementId', message: 'no such agreement in this group' }]);
  if (AGREEMENT_LEVELS.indexOf(parent.level) >= AGREEMENT_LEVELS.indexOf(level))
    fail([
      {
        field: 'parentAgreementId',
        message: `the parent agreement (${parent.level}) must be at a higher level than ${level}`,
      },
    ]);
  return id;
}

export function checkDates(effectiveFrom: string | null, expiresOn: string | null): void {
  if (effectiveFrom && expiresOn && expiresOn <= effectiveFrom)
    fail([{ field: 'expiresOn', message: 'must be later than effectiveFrom' }]);
}

export async function todayIn(em: EntityManager, groupId: string): Promise<string> {
  const [row] = await em.query(
    `SELECT to_char((now() AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS today FROM groups WHERE id = $1`,
    [groupId],
  );
  return row.today;
}

export async function insertParties(
  em: EntityManager,
  agreementId: string,
  parties: PartyPlan[],
): Promise<void> {
  await em.query(
    `INSERT INTO agreement_parties (agreement_id, organisation_id, role, unit, signature_required, position)
     SELECT $1, p.org, p.role, p.unit, p.required, p.position
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::boolean[], $6::int[]) AS p(org, role, unit, required, position)
     ON CONFLICT (agreement_id, organisation_id) DO UPDATE SET role = EXCLUDED.role, unit = EXCLUDED.unit,
       signature_required = EXCLUDED.signature_required, position = EXCLUDED.position`,
    [
      agreementId,
      parties.map((p) => p.organisationId),
      parties.map((p) => p.role),
      parties.map((p) => p.unit),
      parties.map((p) => p.signatureRequired),
      parties.map((_p, i) => i + 1),
    ],
  );
}
