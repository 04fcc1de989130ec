import { CatalogueLocale } from '../catalogue/agreement-clauses.catalogue';

export interface AgreementDocument {
  locale: CatalogueLocale; // of the labels
  sourceLocale: string; // of the text
  groupName: string;
  title: string;
  kind: string;
  level: string;
  status: string;
  version: { number: number; status: string; revision: number; agreedAt: string | null };
  parties: { organisation: string; role: string; unit: string | null }[];
  clauses: { key: string; heading: string; body: string }[];
  annexes: { key: string; title: string; body: string }[];
  legalReferences: { kind: string; citation: string; url: string | null; clauseKey: string | null }[];
  signatures: {
    organisation: string;
    signatoryName: string;
    signatoryTitle: string;
    signedOn: string;
    method: string;
  }[];
  // Said at the top when the requested locale is not the text's (no translation yet).
  notice: string | null;
}

const LABELS = {
  en: {
    group: 'Working group',
    kind: 'Kind',
    level: 'Level',
    status: 'Status',
    version: 'Version',
    agreedOn: 'agreed on',
    draft: 'not agreed: draft, revision',
    proposed: 'not agreed: proposed, revision',
    superseded: 'superseded',
    language: 'Language of the text',
    parties: 'Parties',
    clauses: 'Clauses',
    noClauses: 'No clauses yet.',
    annexes: 'Annexes',
    annex: 'Annex',
    legal: 'Legal basis',
    clause: 'clause',
    signatures: 'Signatures',
    signed: 'signed on',
    noSignatures: 'Not signed yet.',
  },
  fr: {
    group: 'Groupe de travail',
    kind: 'Type',
    level: 'Niveau',
    status: 'Statut',
    version: 'Version',
    agreedOn: 'convenue le',
    draft: 'non convenue : projet, révision',
    proposed: 'non convenue : proposée, révision',
    superseded: 'remplacée',
    language: 'Langue du texte',
    parties: 'Parties',
    clauses: 'Clauses',
    noClauses: 'Aucune clause pour le moment.',
    annexes: 'Annexes',
    annex: 'Annexe',
    legal: 'Base juridique',
    clause: 'clause',
    signatures: 'Signatures',
    signed: 'signé le',
    noSignatures: 'Pas encore signé.',
  },
} as const;

const words = (v: string) => v.replace(/_/g, ' ');
const oneLine = (v: string) => v.replace(/\s*\n\s*/g, ' ').trim();

// One version of an agreement as Markdown, in the language of its text (labels in English or
// French). Pure: the caller has applied the visibility rules (content viewers only).
export function renderAgreementMarkdown(d: AgreementDocument): string {
  const L = LABELS[d.locale];
  const v = d.version;
  const state =
    v.status === 'agreed'
      ? `${v.number} (${L.agreedOn} ${v.agreedAt?.slice(0, 10) ?? ''})`
      : v.status === 'superseded'
        ? `${v.number} (${L.superseded})`
        : `${v.number} (${v.status === 'draft' ? L.draft : L.proposed} ${v.revision})`;
  const out: string[] = [`# ${oneLine(d.title)}`, ''];
  if (d.notice) out.push(`> ${d.notice}`, '');
  out.push(
    `- **${L.group}:** ${oneLine(d.groupName)}`,
    `- **${L.kind}:** ${words(d.kind)} · **${L.level}:** ${words(d.level)} · **${L.status}:** ${words(d.status)}`,
    `- **${L.version}:** ${state}`,
    `- **${L.language}:** ${d.sourceLocale}`,
    '',
    `## ${L.parties}`,
    '',
    ...d.parties.map(
      (p) => `- ${oneLine(p.organisation)} — ${words(p.role)}${p.unit ? `, ${oneLine(p.unit)}` : ''}`,
    ),
    '',
    `## ${L.clauses}`,
    '',
  );
  if (!d.clauses.length) out.push(`_${L.noClauses}_`, '');
  for (const c of d.clauses) out.push(`### ${c.key}) ${oneLine(c.heading)}`, '', c.body.trim(), '');
  if (d.annexes.length) {
    out.push(`## ${L.annexes}`, '');
    for (const a of d.annexes)
      out.push(`### ${L.annex} ${a.key}: ${oneLine(a.title)}`, '', a.body.trim(), '');
  }
  if (d.legalReferences.length) {
    out.push(`## ${L.legal}`, '');
    for (const r of d.legalReferences) {
      const where = r.clauseKey ? `, ${L.clause} ${r.clauseKey})` : ')';
      out.push(`- ${oneLine(r.citation)} (${words(r.kind)}${where}${r.url ? ` <${r.url}>` : ''}`);
    }
    out.push('');
  }
  out.push(`## ${L.signatures}`, '');
  if (!d.signatures.length) out.push(`_${L.noSignatures}_`);
  for (const s of d.signatures)
    out.push(
      `- ${oneLine(s.organisation)}: ${oneLine(s.signatoryName)}, ${oneLine(s.signatoryTitle)} — ${L.signed} ${s.signedOn} (${words(s.method)})`,
    );
  out.push('');
  return out.join('\n');
}
