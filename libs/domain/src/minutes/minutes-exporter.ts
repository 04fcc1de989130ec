import { Injectable } from '@nestjs/common';
import { groupLocale, Locale, MessageKey, PgRow, toLocale, translate } from '@roundtable/core';
import { EntityManager } from 'typeorm';
import { GroupActor, MeetingScope } from '../access/group-access.policy';
import { AgendaReader } from '../agendas/agenda-reader';
import { renderMarkdownPdf } from '../exports/markdown-pdf';
import {
  MinutesApprovalDto,
  MinutesAttendanceDto,
  MinutesRecordAgendaItemDto,
  MinutesRecordMeetingDto,
  MinutesRecordRecommendationDto,
  MinutesStatus,
} from './dto/minutes.dto';
import { MinutesReader } from './minutes-reader';
import { MinutesRecords } from './minutes-record';
import { groupSourceLocale } from '../translations/translation-sources';
import { TranslationsService } from '../translations/translations.service';

// Everything an export shows, from the frozen record (approved minutes) or the live state.
export interface MinutesDocument {
  locale: Locale;
  groupName: string;
  meeting: Pick<
    MinutesRecordMeetingDto,
    'title' | 'startsAt' | 'timezone' | 'location' | 'onlineUrl' | 'focus'
  >;
  status: MinutesStatus;
  version: number;
  approvedAt: string | null;
  approvers: Pick<MinutesApprovalDto, 'displayName'>[];
  body: string;
  keyIssues: string[];
  decisions: string[];
  attendance: Pick<MinutesAttendanceDto, 'displayName' | 'organisation' | 'attended'>[];
  agenda: Pick<MinutesRecordAgendaItemDto, 'title' | 'incidents' | 'recommendations'>[];
  recommendations: Omit<MinutesRecordRecommendationDto, 'id'>[];
  // Said under the heading: a courtesy translation (and whether it is stale), or none yet.
  notices?: string[];
}

export interface ExportFile {
  contentType: string;
  filename: string;
  body: Buffer;
}

const DATE_LOCALES: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', sw: 'sw-TZ' };

// The meeting date as the group reads it: in the meeting's time zone, not the server's.
export function formatMeetingDate(startsAt: Date, timeZone: string, locale: Locale = 'en'): string {
  const text = new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(startsAt);
  return `${text} (${timeZone})`;
}

function localDay(startsAt: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(startsAt);
}

// Renders the minutes for one viewer. Approved minutes come from their frozen record, live ones
// from the agenda reader; both apply the viewer's incident visibility, so restricted content
// never reaches an export made by someone outside it.
@Injectable()
export class MinutesExporter {
  constructor(
    private readonly agendas: AgendaReader,
    private readonly minutes: MinutesReader,
    private readonly records: MinutesRecords,
    private readonly translations: TranslationsService,
  ) {}

  async export(
    em: EntityManager,
    actor: GroupActor,
    meeting: MeetingScope,
    format: 'md' | 'pdf',
    locale?: string,
  ): Promise<ExportFile & { contentLanguage: string }> {
    const doc = await this.document(em, actor, meeting);
    const contentLanguage = await this.translate(em, meeting, doc, locale);
    const filename = `minutes-${localDay(new Date(doc.meeting.startsAt), doc.meeting.timezone)}.${format}`;
    const markdown = renderMarkdown(doc);
    if (format === 'pdf')
      return {
        contentType: 'application/pdf',
        filename,
        body: await renderMarkdownPdf(markdown, {
          title: translate(doc.locale, 'minutes.heading', { title: doc.meeting.title }),
          locale: doc.locale,
          author: doc.groupName,
        }),
        contentLanguage,
      };
    return {
      contentType: 'text/markdown; charset=utf-8',
      filename,
      body: Buffer.from(markdown, 'utf8'),
      contentLanguage,
    };
  }

  // The minutes in a chosen locale: labels from that catalogue, the text from its translation —
  // a courtesy translation, said so (minutes have no authentic translations) — or, without one,
  // the text as written, saying so. Returns the language of the text.
  private async translate(
    em: EntityManager,
    meeting: MeetingScope,
    doc: MinutesDocument,
    locale: string | undefined,
  ): Promise<string> {
    const [group] = await em.query(`SELECT languages FROM groups WHERE id = $1`, [meeting.groupId]);
    const source = groupSourceLocale(group.languages);
    if (!locale || locale.toLowerCase() === source.toLowerCase()) return source;
    doc.locale = toLocale(locale);
    const translation = (await this.translations.inLocale(em, 'minutes', [meeting.id], locale)).get(
      meeting.id,
    );
    if (!translation) {
      doc.notices = [translate(doc.locale, 'export.noTranslation', { locale, source })];
      return source;
    }
    const f = translation.fields;
    if (typeof f.body === 'string') doc.body = f.body;
    if (Array.isArray(f.keyIssues)) doc.keyIssues = f.keyIssues;
    if (Array.isArray(f.decisions)) doc.decisions = f.decisions;
    doc.notices = [
      translate(doc.locale, 'export.courtesyTranslation', { locale, source }),
      ...(translation.stale ? [translate(doc.locale, 'export.staleTranslation')] : []),
    ];
    return locale;
  }

  async document(em: EntityManager, actor: GroupActor, meeting: MeetingScope): Promise<MinutesDocument> {
    const [group] = await em.query(`SELECT name, languages FROM groups WHERE id = $1`, [meeting.groupId]);
    const locale = groupLocale(group.languages);
    await this.minutes.ensure(em, meeting);
    const live = await this.minutes.view(em, meeting);
    if (live.status === 'approved') {
      const r = await this.records.present(em, await this.records.load(em, meeting), actor);
      return {
        locale,
        groupName: r.groupName,
        meeting: r.meeting,
        status: 'approved',
        version: r.version,
        approvedAt: live.approvedAt,
        approvers: r.approvals,
        body: r.body,
        keyIssues: r.keyIssues,
        decisions: r.decisions,
        attendance: r.attendance,
        agenda: r.agenda,
        recommendations: r.recommendations,
      };
    }
    await this.agendas.ensure(em, meeting);
    const agenda = await this.agendas.agenda(em, actor, meeting);
    const recommendations: PgRow[] = await em.query(
      `SELECT r.title, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.status, r.priority,
              coalesce(array_agg(o.name ORDER BY lower(o.name)) FILTER (WHERE o.id IS NOT NULL), '{}') AS organisations
       FROM recommendations r
       LEFT JOIN recommendation_organisations ro ON ro.recommendation_id = r.id
       LEFT JOIN organisations o ON o.id = ro.organisation_id
       WHERE r.meeting_id = $1 AND r.group_id = $2
       GROUP BY r.id ORDER BY r.created_at, r.id`,
      [meeting.id, meeting.groupId],
    );
    return {
      locale,
      groupName: group.name,
      meeting: {
        title: meeting.title,
        startsAt: new Date(meeting.startsAt).toISOString(),
        timezone: meeting.timezone,
        location: meeting.location,
        onlineUrl: meeting.onlineUrl,
        focus: meeting.focus,
      },
      status: live.status,
      version: live.version,
      approvedAt: null,
      approvers: [],
      body: live.body,
      keyIssues: live.keyIssues,
      decisions: live.decisions,
      attendance: live.attendance,
      agenda: agenda.items.filter((i) => i.status === 'accepted'),
      recommendations: recommendations.map((r) => ({
        title: r.title,
        dueDate: r.due_date,
        status: r.status,
        priority: r.priority,
        organisations: r.organisations,
      })),
    };
  }
}

// Names, titles and other single-line values are data, not Markdown: escape what would format.
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

// The minutes as Markdown, labels in the group's language; the PDF is this, rendered.
export function renderMarkdown(d: MinutesDocument): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(d.locale, key, params);
  const e = escapeMarkdown;
  const unnamed = t('minutes.unnamedMember');
  const status =
    d.status === 'approved'
      ? d.approvers.some((a) => a.displayName)
        ? t('minutes.status.approved', {
            names: d.approvers.map((a) => e(a.displayName ?? unnamed)).join(', '),
            date: d.approvedAt?.slice(0, 10) ?? '',
            version: d.version,
          })
        : t('minutes.status.approvedNoName', { date: d.approvedAt?.slice(0, 10) ?? '', version: d.version })
      : t(d.status === 'draft' ? 'minutes.status.draft' : 'minutes.status.circulated', {
          version: d.version,
        });
  const none = `_${t('minutes.none')}_`;
  const list = (lines: string[], numbered = false) =>
    lines.length ? lines.map((l, n) => (numbered ? `${n + 1}. ${l}` : `- ${l}`)).join('\n') : none;
  const field = (key: MessageKey, value: string | null) => (value ? [`- **${t(key)}:** ${value}`] : []);

  const byOrg = new Map<string, string[]>();
  for (const a of d.attendance.filter((x) => x.attended)) {
    const people = byOrg.get(a.organisation.name) ?? [];
    people.push(e(a.displayName ?? unnamed));
    byOrg.set(a.organisation.name, people);
  }
  const absent = d.attendance
    .filter((x) => !x.attended)
    .map((a) => `${e(a.displayName ?? unnamed)} (${e(a.organisation.name)})`);

  const out = [
    `# ${e(t('minutes.heading', { title: d.meeting.title }))}`,
    '',
    ...(d.notices?.length ? [...d.notices.map((n) => `> ${e(n)}`), ''] : []),
    `## ${t('minutes.section.meeting')}`,
    '',
    ...field('minutes.field.group', e(d.groupName)),
    ...field(
      'minutes.field.date',
      formatMeetingDate(new Date(d.meeting.startsAt), d.meeting.timezone, d.locale),
    ),
    ...field('minutes.field.place', d.meeting.location && e(d.meeting.location)),
    ...field('minutes.field.online', d.meeting.onlineUrl && `<${d.meeting.onlineUrl}>`),
    ...field('minutes.field.focus', d.meeting.focus && e(d.meeting.focus)),
    ...field('minutes.field.status', status),
    '',
    `## ${t('minutes.section.attendance')}`,
    '',
    list([
      ...[...byOrg].map(([org, people]) => `${e(org)}: ${people.join(', ')}`),
      ...(absent.length ? [`${t('minutes.absent')}: ${absent.join(', ')}`] : []),
    ]),
    '',
    `## ${t('minutes.section.agenda')}`,
    '',
    list(
      d.agenda.map((i) => {
        const links = [
          ...i.incidents.map((x) =>
            t('minutes.link.incident', { title: e(x.title), severity: severity(d.locale, x.severity) }),
          ),
          ...i.recommendations.map((r) => t('minutes.link.recommendation', { title: e(r.title) })),
        ];
        return links.length ? `${e(i.title)} (${links.join('; ')})` : e(i.title);
      }),
      true,
    ),
    '',
    `## ${t('minutes.section.keyIssues')}`,
    '',
    list(d.keyIssues),
    '',
    `## ${t('minutes.section.decisions')}`,
    '',
    list(d.decisions),
    '',
    `## ${t('minutes.section.recommendations')}`,
    '',
    list(
      d.recommendations.map((r) =>
        t('minutes.recommendation', {
          title: e(r.title),
          organisations: r.organisations.map(e).join(', ') || t('minutes.notAssigned'),
          dueDate: r.dueDate,
          priority: option(d.locale, 'priority', r.priority),
          status: option(d.locale, 'recommendation.status', r.status),
        }),
      ),
    ),
    '',
  ];
  if (d.body.trim()) out.push(`## ${t('minutes.section.discussion')}`, '', d.body.trim(), '');
  return out.join('\n');
}

function severity(locale: Locale, value: string): string {
  return option(locale, 'severity', value);
}

// An enum value's label, or the value itself when the catalogue has none.
function option(
  locale: Locale,
  prefix: 'severity' | 'priority' | 'recommendation.status',
  value: string,
): string {
  const key = `${prefix}.${value}` as MessageKey;
  const text = translate(locale, key);
  return text === key ? value.replace(/_/g, ' ') : text;
}
