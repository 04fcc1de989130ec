import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';
import { SERIES_SELECT, SeriesRow } from './meeting.entity';
import { occurrencesBetween, RecurrenceBudgetError } from './recurrence';

const DAY_MS = 86_400_000;

// Turns a series' occurrences into meetings, from now up to now + horizonDays. Idempotent by
// construction: occurrences are recomputed from the series on every run (never from "the last
// run"), and the insert relies on UNIQUE (series_id, occurrence_key) — retries, restarts, two
// workers racing or a long outage never duplicate an occurrence nor leave a gap. A rescheduled
// or cancelled meeting keeps its occurrence_key, so its original slot is never re-created.
// Runs in the worker only (MeetingsProcessor); the API merely enqueues.
@Injectable()
export class MeetingMaterialiser {
  private readonly logger = new Logger(MeetingMaterialiser.name);

  constructor(
    private readonly ds: DataSource,
    private readonly changes: ChangeRecorder,
  ) {}

  async materialise(seriesId: string, now: Date = new Date()): Promise<{ inserted: number }> {
    return this.ds.transaction(async (em) => {
      // The series lock orders us after a concurrent PATCH, so we always expand the current rule.
      const [s]: SeriesRow[] = await em.query(`${SERIES_SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [seriesId]);
      if (!s || s.status !== 'active') return { inserted: 0 };
      const until = new Date(now.getTime() + s.horizon_days * DAY_MS);
      const starts = this.expand(s, now, until);
      let inserted: { id: string; starts_at: Date; ends_at: Date }[] = [];
      if (starts.length) {
        inserted = await em.query(
          `INSERT INTO meetings (group_id, series_id, occurrence_key, title, starts_at, ends_at, timezone, location, online_url)
           SELECT $1, $2, k, $3, k, k + make_interval(mins => $4), $5, $6, $7 FROM unnest($8::timestamptz[]) AS k
           ON CONFLICT (series_id, occurrence_key) WHERE series_id IS NOT NULL DO NOTHING
           RETURNING id, starts_at, ends_at`,
          [
            s.group_id,
            s.id,
            s.title,
            s.duration_minutes,
            s.timezone,
            s.location,
            s.online_url,
            starts.map((d) => d.toISOString()),
          ],
        );
      }
      for (const m of inserted) {
        await this.changes.record(em, {
          groupId: s.group_id,
          type: 'meeting.scheduled',
          entityType: 'meeting',
          entityId: m.id,
          actorUserId: null,
          data: {
            meetingId: m.id,
            seriesId: s.id,
            title: s.title,
            startsAt: new Date(m.starts_at).toISOString(),
            endsAt: new Date(m.ends_at).toISOString(),
          },
          audit: { seriesId: s.id, seriesVersion: s.version, materialised: true },
        });
      }
      await em.query(`UPDATE meeting_series SET materialised_until = $2 WHERE id = $1`, [
        s.id,
        until.toISOString(),
      ]);
      if (inserted.length) this.logger.log(`series ${s.id}: ${inserted.length} meeting(s) materialised`);
      return { inserted: inserted.length };
    });
  }

  // The series' occurrences in [now, until). Expansion is bounded (recurrence.ts); a rule stored
  // before the static checks existed that exceeds the work budget is logged and skipped, so one
  // series can never stall the worker.
  private expand(s: SeriesRow, now: Date, until: Date): Date[] {
    try {
      return occurrencesBetween(
        { rrule: s.rrule, startDate: s.start_date, startTime: s.start_time, timezone: s.timezone },
        now,
        until,
      );
    } catch (e) {
      if (!(e instanceof RecurrenceBudgetError)) throw e;
      this.logger.warn(`series ${s.id}: rule ${s.rrule} not materialised: ${e.message}`);
      return [];
    }
  }

  async activeSeriesIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM meeting_series WHERE status = 'active' ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }
}
