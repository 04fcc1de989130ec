import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { Dialog, FormError, QueryState, Section, TextField } from '@/components';
import {
  useAttendance,
  useCancelMeeting,
  useRecordAttendance,
  useRsvp,
  useUpdateMeeting,
  type Meeting,
  type RsvpResponse,
} from './api';
import { useMembers, type Member } from '@/features/groups';
import { MeetingFrame } from './meeting-frame';
import { zonedInstant } from './recurrence';

const RESPONSES: RsvpResponse[] = ['yes', 'maybe', 'no'];

// One meeting: RSVP, reschedule or cancel this occurrence, attendance.
export function MeetingPage() {
  const { groupId, meetingId } = useParams({ from: '/app/groups/$groupId/meetings/$meetingId' });
  return (
    <MeetingFrame groupId={groupId} meetingId={meetingId}>
      {({ meeting, manage }) => (
        <>
          <MeetingDetails meeting={meeting} manage={manage} />
          <Attendance meeting={meeting} manage={manage} />
        </>
      )}
    </MeetingFrame>
  );
}

function MeetingDetails({ meeting, manage }: { meeting: Meeting; manage: boolean }) {
  const { t } = useTranslation('meetings');
  const rsvp = useRsvp(meeting.groupId);
  return (
    <Section
      title={t('details')}
      id="meeting-details"
      actions={
        manage && meeting.status === 'scheduled' ? (
          <div className="button-row">
            <RescheduleDialog meeting={meeting} />
            <CancelDialog meeting={meeting} />
          </div>
        ) : null
      }
    >
      <dl className="facts">
        <dt>{t('fields.timezone')}</dt>
        <dd>{meeting.timezone}</dd>
        {meeting.location ? (
          <>
            <dt>{t('fields.location')}</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
        {meeting.onlineUrl ? (
          <>
            <dt>{t('fields.onlineUrl')}</dt>
            <dd>
              <a href={meeting.onlineUrl} rel="noreferrer noopener" target="_blank">
                {meeting.onlineUrl}
              </a>
            </dd>
          </>
        ) : null}
        {meeting.focus ? (
          <>
            <dt>{t('fields.focus')}</dt>
            <dd>{meeting.focus}</dd>
          </>
        ) : null}
        {meeting.cancelReason ? (
          <>
            <dt>{t('fields.cancelReason')}</dt>
            <dd>{meeting.cancelReason}</dd>
          </>
        ) : null}
        <dt>{t('rsvpCounts')}</dt>
        <dd>{t('rsvpCountsValue', meeting.rsvps)}</dd>
      </dl>
      {meeting.status === 'scheduled' ? (
        <fieldset className="rsvp">
          <legend>{t('rsvp.legendMeeting')}</legend>
          {RESPONSES.map((r) => (
            <button
              key={r}
              type="button"
              className={`button${meeting.myRsvp === r ? ' button--selected' : ''}`}
              aria-pressed={meeting.myRsvp === r}
              disabled={rsvp.isPending}
              onClick={() => rsvp.mutate({ meetingId: meeting.id, response: r })}
            >
              {t(`rsvp.${r}`)}
            </button>
          ))}
        </fieldset>
      ) : null}
      <FormError message={rsvp.error ? describeProblem(rsvp.error, t).message : null} />
    </Section>
  );
}

// Wall date and time of an instant in a zone: ["2027-01-05", "10:00"].
function wallTime(instant: string, timeZone: string): [string, string] {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((x) => [x.type, x.value]),
  );
  return [`${p.year}-${p.month}-${p.day}`, `${p.hour}:${p.minute}`];
}

function RescheduleDialog({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  const [open, setOpen] = useState(false);
  const update = useUpdateMeeting(meeting.groupId);
  const [initialDate, initialTime] = wallTime(meeting.startsAt, meeting.timezone);
  const [date, setDate] = useState(initialDate);
  const [time, setTime] = useState(initialTime);
  const [location, setLocation] = useState(meeting.location ?? '');
  const duration = new Date(meeting.endsAt).getTime() - new Date(meeting.startsAt).getTime();
  const problem = update.error ? describeProblem(update.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = zonedInstant(date, time, meeting.timezone);
    update.mutate(
      {
        meetingId: meeting.id,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + duration).toISOString(),
        location: location || undefined,
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={update.reset}
      title={t('reschedule.title')}
      description={t('reschedule.explain', { zone: meeting.timezone })}
      trigger={
        <button type="button" className="button">
          {t('reschedule.open')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('fields.date')}
          type="date"
          required
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={problem?.fields.startsAt}
        />
        <TextField
          label={t('fields.startTimeIn', { zone: meeting.timezone })}
          type="time"
          required
          value={time}
          onChange={(e) => setTime(e.target.value)}
        />
        <TextField
          label={t('fields.location')}
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          error={problem?.fields.location}
        />
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {t('reschedule.submit')}
        </button>
      </form>
    </Dialog>
  );
}

function CancelDialog({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancel = useCancelMeeting(meeting.groupId);
  const problem = cancel.error ? describeProblem(cancel.error, t) : null;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t('cancel.title')}
      trigger={
        <button type="button" className="button button--danger-quiet">
          {t('cancel.open')}
        </button>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate({ meetingId: meeting.id, reason }, { onSuccess: () => setOpen(false) });
        }}
      >
        <FormError message={problem?.message} />
        <TextField
          label={t('cancel.reason')}
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={problem?.fields.reason}
        />
        <button type="submit" className="button button--danger" disabled={cancel.isPending}>
          {t('cancel.submit')}
        </button>
      </form>
    </Dialog>
  );
}

// Who came: the focal point ticks the members present (every active member is listed, with
// their RSVP, before anything is recorded); everyone sees the record.
function Attendance({ meeting, manage }: { meeting: Meeting; manage: boolean }) {
  const { t } = useTranslation('meetings');
  const attendance = useAttendance(meeting.groupId, meeting.id);
  const members = useMembers(meeting.groupId, { status: 'active' });
  // Here, not in the form: saving refreshes the records, which remounts the form (and a
  // mutation's per-call callbacks only run while its component is mounted).
  const [saved, setSaved] = useState(false);
  const record = useRecordAttendance(meeting.groupId);
  return (
    <Section title={t('attendance.title')} id="meeting-attendance">
      <QueryState query={attendance}>
        {(data: Schemas['AttendanceDto']) => {
          const rows = attendanceRows(data, members.data?.items ?? []);
          return (
            <AttendanceForm
              key={rows.map((r) => `${r.memberId}${String(r.attended)}`).join()}
              meeting={meeting}
              data={data}
              rows={rows}
              manage={manage}
              saved={saved}
              setSaved={setSaved}
              record={record}
            />
          );
        }}
      </QueryState>
    </Section>
  );
}

interface AttendanceRow {
  memberId: string;
  displayName: string;
  organisation: string;
  rsvp: RsvpResponse | null;
  attended: boolean | null;
}

function attendanceRows(data: Schemas['AttendanceDto'], members: Member[]): AttendanceRow[] {
  const rows = new Map<string, AttendanceRow>();
  for (const m of members) {
    rows.set(m.id, {
      memberId: m.id,
      displayName: m.displayName || m.email || '',
      organisation: m.organisation.name,
      rsvp: null,
      attended: null,
    });
  }
  for (const r of data.records) {
    rows.set(r.memberId, {
      memberId: r.memberId,
      displayName: r.displayName ?? '',
      organisation: r.organisation.name,
      rsvp: r.rsvp ?? null,
      attended: r.attended ?? null,
    });
  }
  return [...rows.values()];
}

function AttendanceForm({
  meeting,
  data,
  rows,
  manage,
  saved,
  setSaved,
  record,
}: {
  meeting: Meeting;
  data: Schemas['AttendanceDto'];
  rows: AttendanceRow[];
  manage: boolean;
  saved: boolean;
  setSaved: (saved: boolean) => void;
  record: ReturnType<typeof useRecordAttendance>;
}) {
  const { t } = useTranslation('meetings');
  const [present, setPresent] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(rows.map((r) => [r.memberId, r.attended ?? r.rsvp === 'yes'])),
  );
  const editable = manage && meeting.status !== 'cancelled';
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        record.mutate(
          {
            meetingId: meeting.id,
            records: rows.map((r) => ({ memberId: r.memberId, attended: Boolean(present[r.memberId]) })),
          },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <p className="muted">{t('attendance.count', { count: data.attendedCount })}</p>
      <table className="table">
        <caption className="visually-hidden">{t('attendance.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('attendance.person')}</th>
            <th scope="col">{t('attendance.organisation')}</th>
            <th scope="col">{t('attendance.rsvp')}</th>
            <th scope="col">{t('attendance.attended')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.memberId}>
              <td>{r.displayName}</td>
              <td>{r.organisation}</td>
              <td>{r.rsvp ? t(`rsvp.${r.rsvp}`) : t('attendance.noAnswer')}</td>
              <td>
                {editable ? (
                  <input
                    type="checkbox"
                    aria-label={t('attendance.presentNamed', { name: r.displayName })}
                    checked={Boolean(present[r.memberId])}
                    onChange={(e) => setPresent((p) => ({ ...p, [r.memberId]: e.target.checked }))}
                  />
                ) : r.attended === null ? (
                  t('attendance.notRecorded')
                ) : r.attended ? (
                  t('attendance.present')
                ) : (
                  t('attendance.absent')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError message={record.error ? describeProblem(record.error, t).message : null} />
      <p role="status" className="muted small">
        {saved ? t('attendance.saved') : ''}
      </p>
      {editable ? (
        <button
          type="submit"
          className="button button--primary"
          disabled={record.isPending || rows.length === 0}
        >
          {t('attendance.save')}
        </button>
      ) : null}
    </form>
  );
}
