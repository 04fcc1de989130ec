import { Injectable } from '@nestjs/common';
import { canonicalLocale, PgRow } from '@roundtable/core';
import { DataSource, EntityManager } from 'typeorm';
import { TranslationsService } from '../../translations/translations.service';
import { fail } from '../agreement-checks';
import { CatalogueLocale, catalogueLocaleOf } from '../catalogue/agreement-clauses.catalogue';
import { ExportQuery } from '../dto/version.dto';
import { loadContent } from '../versions/version-store';
import { AgreementVersionsService } from '../versions/versions.service';
import { renderMarkdownPdf } from '../../exports/markdown-pdf';
import { AgreementDocument, AgreementTextColumn, renderAgreementMarkdown } from './agreement-markdown';

export interface AgreementExportFile {
  contentType: string;
  filename: string;
  contentLanguage: string;
  body: Buffer;
}

// Export of one version, for content viewers only (the summary view and outsiders get 404).
// `?locale=fr`: the clauses and annexes in their French translations where they exist, marked as
// a courtesy translation unless every one is an approved authentic version; with no translation
// at all, the source text, saying so. `?locale=en,fr`: both language versions side by side.
// Content-Language names the language(s) of the text actually exported.
@Injectable()
export class AgreementExportService {
  constructor(
    private readonly ds: DataSource,
    private readonly versions: AgreementVersionsService,
    private readonly translations: TranslationsService,
  ) {}

  async export(userId: string, versionId: string, q: ExportQuery): Promise<AgreementExportFile> {
    const requested = parseLocales(q.locale);
    const em = this.ds.manager;
    const { agreement, version } = await this.versions.scope(em, userId, versionId);
    const [a] = await em.query(
      `SELECT a.title, a.kind, a.level, a.status, a.source_locale, g.name AS group_name,
              v.number, v.status AS version_status, v.revision, v.agreed_at
       FROM agreements a JOIN groups g ON g.id = a.group_id JOIN agreement_versions v ON v.id = $2 WHERE a.id = $1`,
      [agreement.id, versionId],
    );
    const parties: PgRow[] = await em.query(
      `SELECT o.name, p.role, p.unit FROM agreement_parties p JOIN organisations o ON o.id = p.organisation_id
       WHERE p.agreement_id = $1 ORDER BY p.position`,
      [agreement.id],
    );
    const signatures: PgRow[] = await em.query(
      `SELECT o.name, s.signatory_name, s.signatory_title, to_char(s.signed_on, 'YYYY-MM-DD') AS signed_on, s.method
       FROM agreement_signatures s JOIN agreement_parties p ON p.id = s.party_id JOIN organisations o ON o.id = p.organisation_id
       WHERE s.version_id = $1 ORDER BY p.position`,
      [versionId],
    );
    const legal: PgRow[] = await em.query(
      `SELECT kind, citation, url, clause_key FROM agreement_legal_references WHERE agreement_id = $1 ORDER BY created_at, id`,
      [agreement.id],
    );
    const content = await loadContent(em, versionId);
    const source: string = a.source_locale;
    const columns = await Promise.all(requested.map((l) => this.textIn(em, content, source, l)));
    const main = columns[0] ?? { locale: source, standing: 'source' as const, ...content };
    const labels = catalogueLocaleOf(main.standing === 'missing' ? source : main.locale) ?? 'en';
    const doc: AgreementDocument = {
      locale: labels,
      sourceLocale: source,
      groupName: a.group_name,
      title: a.title,
      kind: a.kind,
      level: a.level,
      status: a.status,
      version: {
        number: a.number,
        status: a.version_status,
        revision: a.revision,
        agreedAt: a.agreed_at ? new Date(a.agreed_at).toISOString() : null,
      },
      parties: parties.map((p) => ({ organisation: p.name, role: p.role, unit: p.unit })),
      clauses: main.clauses,
      annexes: main.annexes,
      ...(columns.length > 1 ? { columns } : {}),
      legalReferences: legal.map((r) => ({
        kind: r.kind,
        citation: r.citation,
        url: r.url,
        clauseKey: r.clause_key,
      })),
      signatures: signatures.map((s) => ({
        organisation: s.name,
        signatoryName: s.signatory_name,
        signatoryTitle: s.signatory_title,
        signedOn: s.signed_on,
        method: s.method,
      })),
      notice: columns.length > 1 ? null : noticeFor(main, source, labels),
    };
    const contentLanguage = columns.length
      ? [...new Set(columns.map((c) => (c.standing === 'missing' ? source : c.locale)))].join(', ')
      : source;
    const markdown = renderAgreementMarkdown(doc);
    const base = `agreement-${slug(a.title)}-v${version.number}`;
    if ((q.format ?? 'md') === 'pdf') {
      return {
        contentType: 'application/pdf',
        filename: `${base}.pdf`,
        contentLanguage,
        body: await renderMarkdownPdf(markdown, { title: a.title, author: a.group_name, locale: source }),
      };
    }
    return {
      contentType: 'text/markdown; charset=utf-8',
      filename: `${base}.md`,
      contentLanguage,
      body: Buffer.from(markdown, 'utf8'),
    };
  }

  // The text in one locale: the source itself, or each clause and annex in its translation
  // (the source's where one is missing).
  private async textIn(
    em: EntityManager,
    content: Content,
    source: string,
    locale: string,
  ): Promise<AgreementTextColumn> {
    if (locale.toLowerCase() === source.toLowerCase())
      return { locale: source, standing: 'source', ...content };
    const clauses = await this.translations.inLocale(
      em,
      'agreement_clause',
      content.clauses.map((c) => c.id),
      locale,
    );
    const annexes = await this.translations.inLocale(
      em,
      'agreement_annex',
      content.annexes.map((a) => a.id),
      locale,
    );
    if (clauses.size + annexes.size === 0) return { locale, standing: 'missing', ...content };
    const all = [...clauses.values(), ...annexes.values()];
    const authentic =
      clauses.size === content.clauses.length &&
      annexes.size === content.annexes.length &&
      all.every((t) => t.authentic && t.status === 'approved');
    return {
      locale,
      standing: authentic ? 'authentic' : 'courtesy',
      clauses: content.clauses.map((c) => {
        const f = clauses.get(c.id)?.fields;
        return { ...c, heading: (f?.heading as string) ?? c.heading, body: (f?.body as string) ?? c.body };
      }),
      annexes: content.annexes.map((a) => {
        const f = annexes.get(a.id)?.fields;
        return { ...a, title: (f?.title as string) ?? a.title, body: (f?.body as string) ?? a.body };
      }),
    };
  }
}

// One locale, or two side by side (`en,fr`); each a BCP 47 tag the registry knows.
function parseLocales(value: string | undefined): string[] {
  if (value === undefined) return [];
  const tags = value.split(',').map((t) => t.trim());
  if (tags.length > 2)
    fail([{ field: 'locale', message: 'at most two locales side by side, such as en,fr' }]);
  const canonical = tags.map((t) => canonicalLocale(t));
  if (canonical.some((t) => t === null))
    fail([{ field: 'locale', message: 'must be a BCP 47 language tag such as fr, or two such as en,fr' }]);
  if (canonical.length === 2 && canonical[0]!.toLowerCase() === canonical[1]!.toLowerCase())
    fail([{ field: 'locale', message: 'two different locales side by side, such as en,fr' }]);
  return canonical as string[];
}

function noticeFor(text: AgreementTextColumn, source: string, labels: CatalogueLocale): string | null {
  const fr = labels === 'fr';
  switch (text.standing) {
    case 'source':
    case 'authentic':
      return null;
    case 'courtesy':
      return fr
        ? `Traduction de courtoisie en « ${text.locale} » : seules les versions faisant foi (${source}) ont valeur juridique.`
        : `Courtesy translation into "${text.locale}": only the authentic language versions (${source}) have legal force.`;
    case 'missing':
      return fr
        ? `Aucune traduction en « ${text.locale} » n’existe encore : voici le texte source (${source}).`
        : `No translation into "${text.locale}" exists yet: this is the source text (${source}).`;
  }
}

type Content = Awaited<ReturnType<typeof loadContent>>;

function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'text'
  );
}
