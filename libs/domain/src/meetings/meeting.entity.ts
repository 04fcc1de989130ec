// Meetings are read and written with raw SQL; these are their enums and row shapes.
export const MEETING_STATUSES = ['scheduled', 'cancelled', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const SERIES_STATUSES = ['active', 'deleted'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

export const RSVP_RESPONSES = ['yes', 'no', 'maybe'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

export const DEFAULT_REMINDER_OFFSETS = [10080, 1440];

export interface SeriesRow {
  id: string;
  group_id: string;
  title: string;
  rrule: string;
  start_date: string;
  start_time: string;
  timezone: string;
  duration_minutes: number;
  location: string | null;
  online_url: string | null;
  horizon_days: number;
  reminder_offsets_minutes: number[];
  status: SeriesStatus;
  version: number;
  materialised_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

// SQL that reads a series with date and time as plain text (never through a JS Date).
export const SERIES_SELECT = `
  SELECT s.id, s.group_id, s.title, s.rrule, to_char(s.start_date, 'YYYY-MM-DD') AS start_date,
         to_char(s.start_time, 'HH24:MI') AS start_time, s.timezone, s.duration_minutes, s.location, s.online_url,
         s.horizon_days, s.reminder_offsets_minutes, s.status, s.version, s.materialised_until, s.created_at, s.updated_at
  FROM meeting_series s`;
