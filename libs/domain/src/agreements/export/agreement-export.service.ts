import { Injectable } from '@nestjs/common';
import { PgRow } from '@roundtable/core';
import { DataSource } from 'typeorm';
import { fail } from '../agreement-checks';
import { LOCALE } from '../agreement.types';
import { catalogueLocaleOf } from '../catalogue/agreement-clauses.catalogue';
import { ExportQuery } from '../dto/version.dto';
import { loadContent } from '../versions/version-store';
import { AgreementVersionsService } from '../versions/versions.service';
import { renderMarkdownPdf } from '../../exports/markdown-pdf';
import { AgreementDocument, renderAgreementMarkdown } from './agreement-markdown';

export interface AgreementExportFile {
  contentType: string;
  filename: string;
  contentLanguage: string;
  body: Buffer;
}

// Export of one version, for content viewers only (the summary view and outsiders get 404).
// Until translations exist (Languages), the text is exported in its source locale: a request for
// another locale gets the source text, says so, and Content-Language names the source locale.
@Injectable()
export class AgreementExportService {
  constructor(
    private readonly ds: DataSource,
    private readonly versions: AgreementVersionsService,
  ) {}

  async export(userId: string, versionId: string, q: ExportQuery): Promise<AgreementExportFile> {
    const requested = parseLocale(q.locale);
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
    const labels = catalogueLocaleOf(source) ?? 'en';
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
      clauses: content.clauses,
      annexes: content.annexes,
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
      notice:
        requested && requested.toLowerCase() !== source.toLowerCase()
          ? labels === 'fr'
            ? `Aucune traduction en « ${requested} » n’existe encore : voici le texte source (${source}).`
            : `No translation into "${requested}" exists yet: this is the source text (${source}).`
          : null,
    };
    const markdown = renderAgreementMarkdown(doc);
    const base = `agreement-${slug(a.title)}-v${version.number}`;
    if ((q.format ?? 'md') === 'pdf') {
      return {
        contentType: 'application/pdf',
        filename: `${base}.pdf`,
        contentLanguage: source,
        body: await renderMarkdownPdf(markdown, { title: a.title, author: a.group_name, locale: source }),
      };
    }
    return {
      contentType: 'text/markdown; charset=utf-8',
      filename: `${base}.md`,
      contentLanguage: source,
      body: Buffer.from(markdown, 'utf8'),
    };
  }
}

function parseLocale(locale: string | undefined): string | null {
  if (locale === undefined) return null;
  if (locale.includes(','))
    fail([
      {
        field: 'locale',
        message:
          'two locales side by side need translations, which are not available yet: ask for one locale',
      },
    ]);
  if (!LOCALE.test(locale)) fail([{ field: 'locale', message: 'must be a BCP 47 language tag such as fr' }]);
  return locale;
}

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
