import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { EntityManager } from 'typeorm';
import { GroupActor } from '../access/group-access.policy';
import { AgendaReader } from '../agendas/agenda-reader';
import { AgendaItemDto } from '../agendas/dto/agenda.dto';
import { MeetingScope } from '../access/group-access.policy';
import { MinutesDto } from './dto/minutes.dto';
import { MinutesReader } from './minutes-reader';

export interface MinutesDocument {
  groupName: string;
  timezone: string;
  meetingTitle: string;
  meetingDate: string;
  minutes: MinutesDto;
  agenda: AgendaItemDto[];
  attendanceByOrganisation: { organisation: string; people: string[] }[];
  absent: string[];
  recommendations: {
    title: string;
    dueDate: string;
    status: string;
    priority: string;
    organisations: string[];
  }[];
}

export interface ExportFile {
  contentType: string;
  filename: string;
  body: Buffer;
}

// The meeting date as the group reads it: in the group's time zone, not the server's.
export function formatMeetingDate(startsAt: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(
    startsAt,
  );
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

// Renders the minutes for one viewer. Everything incident-related comes through the agenda
// reader, which applies the caller's incident visibility, so restricted content never reaches
// an export made by someone outside it.
@Injectable()
export class MinutesExporter {
  constructor(
    private readonly agendas: AgendaReader,
    private readonly minutes: MinutesReader,
  ) {}

  async export(
    em: EntityManager,
    actor: GroupActor,
    meeting: MeetingScope,
    format: 'md' | 'pdf',
  ): Promise<ExportFile> {
    const doc = await this.document(em, actor, meeting);
    const filename = `minutes-${localDay(meeting.startsAt, doc.timezone)}.${format}`;
    if (format === 'pdf') return { contentType: 'application/pdf', filename, body: await renderPdf(doc) };
    return {
      contentType: 'text/markdown; charset=utf-8',
      filename,
      body: Buffer.from(renderMarkdown(doc), 'utf8'),
    };
  }

  async document(em: EntityManager, actor: GroupActor, meeting: MeetingScope): Promise<MinutesDocument> {
    const [group] = await em.query(`SELECT name, timezone FROM groups WHERE id = $1`, [meeting.groupId]);
    await this.minutes.ensure(em, meeting);
    const minutes = await this.minutes.view(em, meeting.id);
    await this.agendas.ensure(em, meeting);
    const agenda = await this.agendas.agenda(em, actor, meeting);
    const recommendations = await em.query(
      `SELECT r.title, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.status, r.priority,
              coalesce(array_agg(o.name ORDER BY lower(o.name)) FILTER (WHERE o.id IS NOT NULL), '{}') AS organisations
       FROM recommendations r
       LEFT JOIN recommendation_organisations ro ON ro.recommendation_id = r.id
       LEFT JOIN organisations o ON o.id = ro.organisation_id
       WHERE r.meeting_id = $1 AND r.group_id = $2
       GROUP BY r.id ORDER BY r.created_at, r.id`,
      [meeting.id, meeting.groupId],
    );
    const byOrg = new Map<string, string[]>();
    for (const a of minutes.attendance.filter((x) => x.attended)) {
      const list = byOrg.get(a.organisation.name) ?? [];
      list.push(a.displayName ?? 'Unnamed member');
      byOrg.set(a.organisation.name, list);
    }
    return {
      groupName: group.name,
      timezone: group.timezone,
      meetingTitle: meeting.title,
      meetingDate: formatMeetingDate(meeting.startsAt, group.timezone),
      minutes,
      agenda: agenda.items.filter((i) => i.status === 'accepted'),
      attendanceByOrganisation: [...byOrg].map(([organisation, people]) => ({ organisation, people })),
      absent: minutes.attendance
        .filter((x) => !x.attended)
        .map((a) => `${a.displayName ?? 'Unnamed member'} (${a.organisation.name})`),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
      recommendations: recommendations.map((r: any) => ({
        title: r.title,
        dueDate: r.due_date,
        status: r.status,
        priority: r.priority,
        organisations: r.organisations,
      })),
    };
  }
}

// Sections shared by both formats, as (heading, lines) pairs.
function sections(d: MinutesDocument): { heading: string; lines: string[]; numbered?: boolean }[] {
  const m = d.minutes;
  const status =
    m.status === 'approved'
      ? `Approved${m.approvedBy?.displayName ? ` by ${m.approvedBy.displayName}` : ''} on ${m.approvedAt?.slice(0, 10)} (version ${m.version})`
      : `${m.status === 'draft' ? 'Draft' : 'Circulated for comment'} (version ${m.version})`;
  const none = (lines: string[]) => (lines.length ? lines : ['None recorded.']);
  return [
    { heading: 'Meeting', lines: [`Group: ${d.groupName}`, `Date: ${d.meetingDate}`, `Status: ${status}`] },
    {
      heading: 'Attendance',
      lines: none([
        ...d.attendanceByOrganisation.map((o) => `${o.organisation}: ${o.people.join(', ')}`),
        ...(d.absent.length ? [`Absent: ${d.absent.join(', ')}`] : []),
      ]),
    },
    {
      heading: 'Agenda',
      numbered: true,
      lines: d.agenda.map((i) => {
        const links = [
          ...i.incidents.map((x) => `incident: ${x.title} (${x.severity})`),
          ...i.recommendations.map((r) => `recommendation: ${r.title}`),
        ];
        return links.length ? `${i.title} (${links.join('; ')})` : i.title;
      }),
    },
    { heading: 'Key issues', lines: none(m.keyIssues) },
    { heading: 'Decisions', lines: none(m.decisions) },
    {
      heading: 'Recommendations',
      lines: none(
        d.recommendations.map(
          (r) =>
            `${r.title} (responsible: ${r.organisations.join(', ') || 'not assigned'}; due ${r.dueDate}; ${r.priority} priority; ${r.status.replace(/_/g, ' ')})`,
        ),
      ),
    },
  ];
}

export function renderMarkdown(d: MinutesDocument): string {
  const out = [`# Minutes: ${d.meetingTitle}`, ''];
  for (const s of sections(d)) {
    out.push(`## ${s.heading}`, '');
    if (s.heading === 'Meeting') out.push(...s.lines.map((l) => `- ${l.replace(/^(\w+):/, '**$1:**')}`));
    else if (s.lines.length === 1 && s.lines[0] === 'None recorded.') out.push('_None recorded._');
    else out.push(...s.lines.map((l, n) => (s.numbered ? `${n + 1}. ${l}` : `- ${l}`)));
    out.push('');
  }
  if (d.minutes.body.trim()) out.push('## Record of the discussion', '', d.minutes.body.trim(), '');
  return out.join('\n');
}

export function renderPdf(d: MinutesDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: `Minutes: ${d.meetingTitle}`, Author: d.groupName },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.font('Helvetica-Bold').fontSize(18).text(`Minutes: ${d.meetingTitle}`);
    for (const s of sections(d)) {
      pdf.moveDown().font('Helvetica-Bold').fontSize(13).text(s.heading);
      pdf.font('Helvetica').fontSize(11);
      s.lines.forEach((l, n) =>
        pdf.text(s.numbered ? `${n + 1}. ${l}` : s.heading === 'Meeting' ? l : `• ${l}`),
      );
    }
    if (d.minutes.body.trim()) {
      pdf.moveDown().font('Helvetica-Bold').fontSize(13).text('Record of the discussion');
      pdf.font('Helvetica').fontSize(11).text(d.minutes.body.trim());
    }
    pdf.end();
  });
}
