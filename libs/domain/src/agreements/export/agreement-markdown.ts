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
  // Said at the top: a courtesy translation, or no translation yet (the source text instead).
  notice: string | null;
  // Two language versions side by side (`?locale=en,fr`): clauses and annexes as two columns.
  columns?: AgreementTextColumn[];
}

export interface AgreementTextColumn {
  locale: string;
  // source: the text as written; authentic: an approved authentic translation; courtesy: any
  // other translation; missing: no translation, the source text is shown.
  standing: 'source' | 'authentic' | 'courtesy' | 'missing';
  clauses: { key: string; heading: string; body: string }[];
  annexes: { key: string; title: string; body: string }[];
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
    source: 'authentic (original)',
    authentic: 'authentic',
    courtesy: 'courtesy translation, no legal force',
    missing: 'not translated: source text',
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
    source: 'faisant foi (original)',
    authentic: 'faisant foi',
    courtesy: 'traduction de courtoisie, sans valeur juridique',
    missing: 'non traduit : texte source',
  },
} as const;

const words = (v: string) => v.replace(/_/g, ' ');
const paragraphsOf = (body: string) =>
  body
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
// One table cell: a paragraph on one line, its pipes escaped (inline Markdown is kept).
const cell = (v: string) =>
  v
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
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
  if (d.columns) {
    const cols = d.columns;
    const header = `| ${cols.map((c) => `${c.locale} (${L[c.standing]})`).join(' | ')} |`;
    const rule = `| ${cols.map(() => '---').join(' | ')} |`;
    // Aligned paragraph by paragraph, so each row reads across the language versions.
    const table = (all: { title: string; body: string }[]) => {
      const paragraphs = all.map((c) => paragraphsOf(c.body));
      const rows = Math.max(...paragraphs.map((p) => p.length));
      return [
        header,
        rule,
        `| ${all.map((c) => `**${cell(c.title)}**`).join(' | ')} |`,
        ...Array.from(
          { length: rows },
          (_, n) => `| ${paragraphs.map((p) => cell(p[n] ?? '')).join(' | ')} |`,
        ),
        '',
      ];
    };
    d.clauses.forEach((c, n) => {
      out.push(`### ${c.key})`, '');
      out.push(...table(cols.map((col) => ({ title: col.clauses[n].heading, body: col.clauses[n].body }))));
    });
    if (d.annexes.length) {
      out.push(`## ${L.annexes}`, '');
      d.annexes.forEach((a, n) => {
        out.push(`### ${L.annex} ${a.key}`, '');
        out.push(...table(cols.map((col) => ({ title: col.annexes[n].title, body: col.annexes[n].body }))));
      });
    }
  } else for (const c of d.clauses) out.push(`### ${c.key}) ${oneLine(c.heading)}`, '', c.body.trim(), '');
  if (d.annexes.length && !d.columns) {
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
