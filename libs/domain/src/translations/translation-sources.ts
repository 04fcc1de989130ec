import { Injectable } from '@nestjs/common';
import { canonicalLocale, NotFoundProblem } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor } from '../access/group-access.policy';
import type { EventScope } from '../access/visibility-sql';
import { TranslatableType, TranslatedFields } from './translatable';

export interface TranslationSource {
  type: TranslatableType;
  id: string;
  groupId: string;
  sourceLocale: string;
  groupLanguages: string[];
  fields: TranslatedFields;
  // The event scope of changes to it (agreement content follows the agreement's visibility).
  scope: EventScope | null;
}

const NOT_FOUND: Record<TranslatableType, string> = {
  document: 'Document',
  agreement_clause: 'Clause',
  agreement_annex: 'Annex',
  agenda_item: 'Agenda item',
  minutes: 'Minutes',
  recommendation: 'Recommendation',
};

// A group's own language for texts that carry none (minutes, agenda items, recommendations):
// its first `languages` entry, English when it lists none.
export function groupSourceLocale(languages: readonly string[] | null | undefined): string {
  return canonicalLocale(languages?.[0]) ?? 'en';
}

// Resolves a translation's source through the source's own access check — a translation is
// exactly as visible as what it translates, and editable by whoever may edit that (so a clause
// of a parties-only agreement is 404 to non-parties, for its translations too).
@Injectable()
export class TranslationSources {
  constructor(private readonly access: GroupAccessPolicy) {}

  async resolve(
    em: EntityManager,
    userId: string,
    type: TranslatableType,
    id: string,
    mode: 'read' | 'edit',
  ): Promise<{ actor: GroupActor; source: TranslationSource }> {
    const label = NOT_FOUND[type];
    const power = mode === 'edit' ? 'manage' : 'read';
    switch (type) {
      case 'document': {
        const [d] = await em.query(
          `SELECT d.group_id, d.title, d.body, d.source_locale, g.languages FROM group_documents d JOIN groups g ON g.id = d.group_id WHERE d.id = $1`,
          [id],
        );
        if (!d) throw new NotFoundProblem(label);
        const actor = await this.access.require(userId, d.group_id, power, em, label);
        return {
          actor,
          source: this.source(type, id, d, d.source_locale, { title: d.title, body: d.body }),
        };
      }
      case 'minutes': {
        const { actor, meeting } = await this.access.requireMeeting(userId, id, power, em, {
          notFound: label,
        });
        const [m] = await em.query(
          `SELECT g.languages, mi.body, mi.key_issues, mi.decisions FROM groups g LEFT JOIN minutes mi ON mi.meeting_id = $2 WHERE g.id = $1`,
          [meeting.groupId, id],
        );
        return {
          actor,
          source: this.source(type, id, { group_id: meeting.groupId, languages: m.languages }, null, {
            body: m.body ?? '',
            keyIssues: m.key_issues ?? [],
            decisions: m.decisions ?? [],
          }),
        };
      }
      case 'agenda_item':
      case 'recommendation': {
        const table = type === 'agenda_item' ? 'agenda_items' : 'recommendations';
        const [r] = await em.query(
          `SELECT t.group_id, t.title, t.description, g.languages FROM ${table} t JOIN groups g ON g.id = t.group_id WHERE t.id = $1`,
          [id],
        );
        if (!r) throw new NotFoundProblem(label);
        const actor = await this.access.require(userId, r.group_id, power, em, label);
        return {
          actor,
          source: this.source(type, id, r, null, { title: r.title, description: r.description }),
        };
      }
      case 'agreement_clause':
      case 'agreement_annex': {
        const clause = type === 'agreement_clause';
        const [c] = await em.query(
          `SELECT v.agreement_id, c.${clause ? 'heading' : 'title'} AS heading, c.body
           FROM ${clause ? 'agreement_clauses' : 'agreement_annexes'} c JOIN agreement_versions v ON v.id = c.version_id
           WHERE c.id = $1`,
          [id],
        );
        if (!c) throw new NotFoundProblem(label);
        // Content sight: a summary viewer may not read clause text, so neither its translations.
        const { actor, agreement } = await this.access.requireAgreement(userId, c.agreement_id, 'full', em, {
          notFound: label,
        });
        if (mode === 'edit') this.access.assertAgreement(actor, agreement, 'edit');
        const [g] = await em.query(`SELECT languages FROM groups WHERE id = $1`, [agreement.groupId]);
        return {
          actor,
          source: {
            ...this.source(
              type,
              id,
              { group_id: agreement.groupId, languages: g.languages },
              agreement.sourceLocale,
              clause ? { heading: c.heading, body: c.body } : { title: c.heading, body: c.body },
            ),
            scope: { kind: 'agreement_content', id: agreement.id },
          },
        };
      }
    }
  }

  private source(
    type: TranslatableType,
    id: string,
    row: { group_id: string; languages: string[] | null },
    sourceLocale: string | null,
    fields: TranslatedFields,
  ): TranslationSource {
    const groupLanguages = (row.languages ?? []).map((l) => canonicalLocale(l) ?? l);
    return {
      type,
      id,
      groupId: row.group_id,
      sourceLocale: sourceLocale ?? groupSourceLocale(groupLanguages),
      groupLanguages,
      fields,
      scope: null,
    };
  }
}
