import { PgRow } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { CatalogueEdition } from '../catalogue/agreement-clauses.catalogue';
import { AcceptanceDto, SignatureDto, VersionDto, VersionSummaryDto } from '../dto/version.dto';
import { coverageOf, storedCoverage } from './coverage';

export interface VersionContent {
  clauses: { key: string; heading: string; body: string }[];
  annexes: { key: string; title: string; body: string }[];
}

export interface VersionRow {
  id: string;
  agreementId: string;
  number: number;
  status: 'draft' | 'proposed' | 'agreed' | 'superseded';
  revision: number;
}

// Reading and writing versions' clauses and annexes (the access checks are the callers').
export async function insertVersion(
  em: EntityManager,
  v: {
    agreementId: string;
    number: number;
    basedOnVersion: number | null;
    changeSummary: string | null;
    createdBy: string;
    content: VersionContent;
    edition: CatalogueEdition;
  },
): Promise<string> {
  const [row] = await em.query(
    `INSERT INTO agreement_versions (agreement_id, number, based_on_version, change_summary, created_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [v.agreementId, v.number, v.basedOnVersion, v.changeSummary, v.createdBy],
  );
  await writeContent(em, row.id, v.content, v.edition);
  return row.id;
}

// Replaces a version's clauses (and annexes) with `content`, keeping the id of every clause whose
// key stays (translations refer to it), and recomputes its coverage.
export async function writeContent(
  em: EntityManager,
  versionId: string,
  content: Partial<VersionContent> & Pick<VersionContent, 'clauses'>,
  edition: CatalogueEdition,
): Promise<void> {
  await replaceSections(
    em,
    'agreement_clauses',
    'heading',
    versionId,
    content.clauses.map((c) => ({ key: c.key, title: c.heading, body: c.body })),
  );
  if (content.annexes)
    await replaceSections(
      em,
      'agreement_annexes',
      'title',
      versionId,
      content.annexes.map((a) => ({ key: a.key, title: a.title, body: a.body })),
    );
  const annexKeys: string[] = (
    await em.query(`SELECT key FROM agreement_annexes WHERE version_id = $1`, [versionId])
  ).map((r: { key: string }) => r.key);
  const coverage = coverageOf(
    content.clauses.map((c) => c.key),
    annexKeys,
    edition,
  );
  await em.query(`UPDATE agreement_versions SET coverage = $2, updated_at = now() WHERE id = $1`, [
    versionId,
    coverage.covered,
  ]);
}

async function replaceSections(
  em: EntityManager,
  table: 'agreement_clauses' | 'agreement_annexes',
  titleColumn: 'heading' | 'title',
  versionId: string,
  sections: { key: string; title: string; body: string }[],
): Promise<void> {
  await em.query(`DELETE FROM ${table} WHERE version_id = $1 AND NOT (key = ANY($2::text[]))`, [
    versionId,
    sections.map((s) => s.key),
  ]);
  if (!sections.length) return;
  await em.query(
    `INSERT INTO ${table} (version_id, key, position, ${titleColumn}, body)
     SELECT $1, s.key, s.position, s.title, s.body
     FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS s(key, position, title, body)
     ON CONFLICT (version_id, key) DO UPDATE SET position = EXCLUDED.position, ${titleColumn} = EXCLUDED.${titleColumn},
       body = EXCLUDED.body,
       updated_at = CASE WHEN ${table}.${titleColumn} IS DISTINCT FROM EXCLUDED.${titleColumn}
                           OR ${table}.body IS DISTINCT FROM EXCLUDED.body THEN now() ELSE ${table}.updated_at END`,
    [
      versionId,
      sections.map((s) => s.key),
      sections.map((_s, i) => i + 1),
      sections.map((s) => s.title),
      sections.map((s) => s.body),
    ],
  );
}

export async function loadContent(
  em: EntityManager,
  versionId: string,
): Promise<{
  clauses: { id: string; key: string; heading: string; body: string }[];
  annexes: { id: string; key: string; title: string; body: string }[];
}> {
  const clauses = await em.query(
    `SELECT id, key, heading, body FROM agreement_clauses WHERE version_id = $1 ORDER BY position`,
    [versionId],
  );
  const annexes = await em.query(
    `SELECT id, key, title, body FROM agreement_annexes WHERE version_id = $1 ORDER BY position`,
    [versionId],
  );
  return { clauses, annexes };
}

export async function lockVersion(em: EntityManager, versionId: string): Promise<VersionRow> {
  const [v] = await em.query(
    `SELECT id, agreement_id, number, status, revision FROM agreement_versions WHERE id = $1 FOR UPDATE`,
    [versionId],
  );
  return { id: v.id, agreementId: v.agreement_id, number: v.number, status: v.status, revision: v.revision };
}

const VERSION_SELECT = `
  SELECT v.id, v.agreement_id, v.number, v.status, v.based_on_version, v.change_summary, v.revision, v.coverage,
         v.proposed_at, v.agreed_at, v.created_at, v.updated_at, a.catalogue_edition,
         coalesce((SELECT json_agg(json_build_object('partyId', x.party_id, 'organisationId', p.organisation_id,
                     'acceptedBy', x.accepted_by, 'revision', x.revision, 'acceptedAt', x.accepted_at) ORDER BY p.position)
                   FROM agreement_acceptances x JOIN agreement_parties p ON p.id = x.party_id WHERE x.version_id = v.id), '[]') AS acceptances,
         coalesce((SELECT json_agg(json_build_object('id', sg.id, 'partyId', sg.party_id, 'organisationId', p.organisation_id,
                     'signatoryName', sg.signatory_name, 'signatoryTitle', sg.signatory_title,
                     'signedOn', to_char(sg.signed_on, 'YYYY-MM-DD'), 'method', sg.method, 'recordedBy', sg.recorded_by,
                     'recordedAt', sg.created_at) ORDER BY p.position)
                   FROM agreement_signatures sg JOIN agreement_parties p ON p.id = sg.party_id WHERE sg.version_id = v.id), '[]') AS signatures
  FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id`;

export async function versionSummaries(
  em: EntityManager,
  agreementId: string,
  beforeNumber: number | null,
  limit: number,
): Promise<PgRow[]> {
  return em.query(
    `${VERSION_SELECT} WHERE v.agreement_id = $1 AND ($2::int IS NULL OR v.number < $2::int) ORDER BY v.number DESC LIMIT $3`,
    [agreementId, beforeNumber, limit],
  );
}

export async function versionDetail(em: EntityManager, versionId: string): Promise<VersionDto> {
  const [row] = await em.query(`${VERSION_SELECT} WHERE v.id = $1`, [versionId]);
  const content = await loadContent(em, versionId);
  const [{ source_locale: sourceLocale }] = await em.query(
    `SELECT a.source_locale FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id WHERE v.id = $1`,
    [versionId],
  );
  // As written; reads localize it (AgreementVersionsService.get), writes answer in the source.
  const asWritten = { locale: sourceLocale as string, translationStale: false };
  return {
    ...toVersionSummary(row),
    sourceLocale,
    locales: [sourceLocale],
    clauses: content.clauses.map((c) => ({ ...c, ...asWritten })),
    annexes: content.annexes.map((a) => ({ ...a, ...asWritten })),
  };
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

export function toVersionSummary(r: PgRow): VersionSummaryDto {
  const coverage = storedCoverage(r.coverage, r.catalogue_edition);
  return {
    id: r.id,
    agreementId: r.agreement_id,
    number: r.number,
    status: r.status,
    basedOnVersion: r.based_on_version,
    changeSummary: r.change_summary,
    revision: r.revision,
    coverage,
    acceptances: (r.acceptances as PgRow[]).map(
      (x): AcceptanceDto => ({ ...x, acceptedAt: iso(x.acceptedAt)! }) as AcceptanceDto,
    ),
    signatures: (r.signatures as PgRow[]).map(
      (x): SignatureDto => ({ ...x, recordedAt: iso(x.recordedAt)! }) as SignatureDto,
    ),
    proposedAt: iso(r.proposed_at),
    agreedAt: iso(r.agreed_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
