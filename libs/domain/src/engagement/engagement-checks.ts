import { FieldError, PgRow } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { agreementVisibleSql } from '../access/visibility-sql';

// Organisations named in a body must have active members in the group.
export async function checkRepresented(
  em: EntityManager,
  groupId: string,
  named: { field: string; id: string | null | undefined }[],
  errors: FieldError[],
): Promise<void> {
  const ids = named.filter((n) => n.id).map((n) => n.id!.toLowerCase());
  if (!ids.length) return;
  const present = new Set(
    (
      await em.query(
        `SELECT DISTINCT organisation_id FROM memberships WHERE group_id = $1 AND status = 'active' AND organisation_id = ANY($2::uuid[])`,
        [groupId, ids],
      )
    ).map((r: PgRow) => r.organisation_id),
  );
  for (const n of named)
    if (n.id && !present.has(n.id.toLowerCase()))
      errors.push({ field: n.field, message: 'the organisation has no active members in this group' });
}

// Sites of the group, in order; unknown ones are field errors.
export async function checkSites(
  em: EntityManager,
  groupId: string,
  siteIds: string[],
  field: string,
  errors: FieldError[],
): Promise<{ id: string; operator_organisation_id: string }[]> {
  const ids = siteIds.map((s) => s.toLowerCase());
  if (!ids.length) return [];
  const rows: { id: string; operator_organisation_id: string }[] = await em.query(
    `SELECT id, operator_organisation_id FROM sites WHERE group_id = $1 AND id = ANY($2::uuid[])`,
    [groupId, ids],
  );
  ids.forEach((id, i) => {
    if (!rows.some((r) => r.id === id))
      errors.push({
        field: siteIds.length === 1 && field === 'siteId' ? field : `${field}.${i}`,
        message: 'no such site in this group',
      });
  });
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is (typeof rows)[number] => !!r);
}

// The agreement (and clause) an engagement record implements: an agreement of the group the caller
// may see (an unknown one and one they may not see read alike), the clause a key of its current
// version.
export async function checkAgreementLink(
  em: EntityManager,
  groupId: string,
  organisationId: string,
  agreementId: string | undefined,
  clauseKey: string | undefined,
  errors: FieldError[],
): Promise<{ agreementId: string | null; clauseKey: string | null }> {
  if (!agreementId) {
    if (clauseKey) errors.push({ field: 'clauseKey', message: 'a clause is cited with its agreementId' });
    return { agreementId: null, clauseKey: null };
  }
  const id = agreementId.toLowerCase();
  const [row] = await em.query(
    `SELECT a.id, a.current_version_id FROM agreements a WHERE a.id = $1 AND a.group_id = $2 AND ${agreementVisibleSql('a', '$3')}`,
    [id, groupId, organisationId],
  );
  if (!row) {
    errors.push({ field: 'agreementId', message: 'no such agreement in this group' });
    return { agreementId: null, clauseKey: null };
  }
  if (clauseKey) {
    const [clause] = await em.query(`SELECT 1 FROM agreement_clauses WHERE version_id = $1 AND key = $2`, [
      row.current_version_id,
      clauseKey,
    ]);
    if (!clause)
      errors.push({ field: 'clauseKey', message: `no clause ${clauseKey} in the agreement's current text` });
  }
  return { agreementId: id, clauseKey: clauseKey ?? null };
}

export const orgJson = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'kind', ${alias}.kind, 'verified', ${alias}.verified)`;

export const dateText = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD')`;
