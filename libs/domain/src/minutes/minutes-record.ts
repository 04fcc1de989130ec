import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GroupAccessPolicy, GroupActor, MeetingScope } from '../access/group-access.policy';
import { AgendaReader } from '../agendas/agenda-reader';
import {
  MinutesApprovalDto,
  MinutesAttendanceDto,
  MinutesRecordAgendaItemDto,
  MinutesRecordDto,
  MinutesRecordMeetingDto,
  MinutesRecordRecommendationDto,
} from './dto/minutes.dto';
import { MinutesReader } from './minutes-reader';

// What approval freezes (minutes.approved_record). Stored once, read many times; never updated.
export interface StoredMinutesRecord {
  schema: 1;
  frozenAt: string;
  version: number;
  groupName: string;
  meeting: MinutesRecordMeetingDto;
  body: string;
  keyIssues: string[];
  decisions: string[];
  attendance: MinutesAttendanceDto[];
  // Every incident linked at approval, restricted ones included: `present` filters per reader.
  agenda: MinutesRecordAgendaItemDto[];
  recommendations: MinutesRecordRecommendationDto[];
  approvals: MinutesApprovalDto[];
}

// A record as one reader may see it.
export interface PresentedMinutesRecord extends Omit<StoredMinutesRecord, 'schema'> {
  view: MinutesRecordDto;
}

// The frozen record of approved minutes. Confidentiality: the record keeps every incident link
// as it stood at approval (id and the fields shown), whoever approved; each read keeps only the
// incidents the reader may see *now*, through the access policy's visibility predicate. So a
// co-chair inside a restriction approving does not reveal the incident to anyone outside it,
// the reporting organisation still finds its own incident in the record, and narrowing an
// incident's sharing later hides it from the record as it does everywhere else.
@Injectable()
export class MinutesRecords {
  constructor(
    private readonly access: GroupAccessPolicy,
    private readonly agendas: AgendaReader,
    private readonly reader: MinutesReader,
  ) {}

  // Builds the record from the current state; the caller stores it in the approval transaction.
  async freeze(
    em: EntityManager,
    meeting: MeetingScope,
    approvals: MinutesApprovalDto[],
  ): Promise<StoredMinutesRecord> {
    const [row] = await em.query(
      `SELECT mi.version, mi.body, mi.key_issues, mi.decisions, g.name AS group_name,
              m.title, m.starts_at, m.ends_at, m.timezone, m.location, m.online_url, m.focus
       FROM minutes mi JOIN meetings m ON m.id = mi.meeting_id JOIN groups g ON g.id = mi.group_id
       WHERE mi.meeting_id = $1`,
      [meeting.id],
    );
    await this.agendas.ensure(em, meeting);
    const agenda = await this.agendas.unfilteredForRecord(em, meeting);
    const recommendations = await em.query(
      `SELECT r.id, r.title, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.status, r.priority,
              coalesce(array_agg(o.name ORDER BY lower(o.name)) FILTER (WHERE o.id IS NOT NULL), '{}') AS organisations
       FROM recommendations r
       LEFT JOIN recommendation_organisations ro ON ro.recommendation_id = r.id
       LEFT JOIN organisations o ON o.id = ro.organisation_id
       WHERE r.meeting_id = $1 AND r.group_id = $2
       GROUP BY r.id ORDER BY r.created_at, r.id`,
      [meeting.id, meeting.groupId],
    );
    return {
      schema: 1,
      frozenAt: new Date().toISOString(),
      version: row.version,
      groupName: row.group_name,
      meeting: {
        title: row.title,
        startsAt: new Date(row.starts_at).toISOString(),
        endsAt: new Date(row.ends_at).toISOString(),
        timezone: row.timezone,
        location: row.location,
        onlineUrl: row.online_url,
        focus: row.focus,
      },
      body: row.body,
      keyIssues: row.key_issues,
      decisions: row.decisions,
      attendance: await this.reader.attendance(em, meeting.id),
      agenda: agenda.map((i) => ({
        id: i.id,
        kind: i.kind,
        standing: i.standing,
        title: i.title,
        description: i.description,
        durationMinutes: i.durationMinutes,
        presenterMemberId: i.presenterMemberId,
        position: i.position,
        incidents: i.incidents,
        recommendations: i.recommendations,
      })),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg row
      recommendations: recommendations.map((r: any) => ({
        id: r.id,
        title: r.title,
        dueDate: r.due_date,
        status: r.status,
        priority: r.priority,
        organisations: r.organisations,
      })),
      approvals,
    };
  }

  // The stored record of approved minutes. Minutes approved before records existed are frozen
  // on their first read (from the state at that moment: the best that can be done for them).
  async load(em: EntityManager, meeting: MeetingScope): Promise<StoredMinutesRecord> {
    const [row] = await em.query(`SELECT approved_record FROM minutes WHERE meeting_id = $1`, [meeting.id]);
    if (row?.approved_record) return row.approved_record;
    const record = await this.freeze(em, meeting, await this.reader.approvals(em, meeting.id));
    await em.query(
      `UPDATE minutes SET approved_record = $2 WHERE meeting_id = $1 AND status = 'approved' AND approved_record IS NULL`,
      [meeting.id, JSON.stringify(record)],
    );
    return record;
  }

  // The record as `viewer` may see it: incidents filtered by their current visibility.
  async present(
    em: EntityManager,
    record: StoredMinutesRecord,
    viewer: GroupActor,
  ): Promise<PresentedMinutesRecord> {
    const linked = [...new Set(record.agenda.flatMap((i) => i.incidents.map((x) => x.id)))];
    const visible = new Set<string>(
      linked.length
        ? (
            await em.query(
              `SELECT i.id FROM incidents i WHERE i.id = ANY ($1::uuid[]) AND i.group_id = $2
               AND ${this.access.incidentVisibilitySql('i', '$3')}`,
              [linked, viewer.groupId, viewer.organisationId],
            )
          ).map((r: { id: string }) => r.id)
        : [],
    );
    const agenda = record.agenda.map((i) => ({
      ...i,
      incidents: i.incidents.filter((x) => visible.has(x.id)),
    }));
    const { schema: _schema, ...rest } = record;
    return {
      ...rest,
      agenda,
      view: {
        frozenAt: record.frozenAt,
        groupName: record.groupName,
        meeting: record.meeting,
        agenda,
        recommendations: record.recommendations,
      },
    };
  }
}
