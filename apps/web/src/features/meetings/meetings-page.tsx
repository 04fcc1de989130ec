import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { Dialog, FormError, Page, QueryState, Section, TextField } from '@/components';
import { canManage, useGroup, type Group } from '@/features/groups';
import { formatInstant, todayIn } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  useCalendarToken,
  useCreateMeeting,
  useMeetings,
  useRotateCalendarToken,
  useSeriesList,
  type Meeting,
} from './api';
import { fromRrule, zonedInstant } from './recurrence';
import { describeRule } from './rule-text';

// A group's meetings: upcoming and past, month by month, in each meeting's zone; its series; and
// the personal calendar feed.
export function MeetingsPage() {
  const { t, i18n } = useTranslation('meetings');
  const { groupId } = useParams({ from: '/app/groups/$groupId/meetings' });
  const group = useGroup(groupId);
  const [now] = useState(() => new Date().toISOString());
  const upcoming = useMeetings(groupId, { from: now });
  const past = useMeetings(groupId, { to: now });
  const series = useSeriesList(groupId);
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  return (
    <QueryState query={group}>
      {(g: Group) => (
        <Page
          title={t('title', { group: g.name })}
          actions={
            canManage(g) ? (
              <div className="button-row">
                <Link
                  to="/groups/$groupId/series/new"
                  params={{ groupId }}
                  className="button button--primary"
                >
                  {t('series.new')}
                </Link>
                <AdHocMeetingDialog group={g} />
              </div>
            ) : null
          }
        >
          <p className="lead">
            <Link to="/groups/$groupId" params={{ groupId }}>
              {t('backToGroup', { group: g.name })}
            </Link>
          </p>
          <Section title={t('upcoming')} id="meetings-upcoming">
            <QueryState query={upcoming}>
              {(page: Schemas['MeetingPageDto']) => (
                <MeetingCalendar
                  groupId={groupId}
                  meetings={page.items}
                  locale={locale}
                  empty={t('noneUpcoming')}
                />
              )}
            </QueryState>
          </Section>
          <Section title={t('past')} id="meetings-past">
            <QueryState query={past}>
              {(page: Schemas['MeetingPageDto']) => (
                <MeetingCalendar
                  groupId={groupId}
                  meetings={[...page.items].reverse().slice(0, 12)}
                  locale={locale}
                  empty={t('nonePast')}
                />
              )}
            </QueryState>
          </Section>
          <Section title={t('series.title')} id="meetings-series">
            <QueryState query={series}>
              {(list: Schemas['SeriesListDto']) =>
                list.items.length === 0 ? (
                  <p className="muted">{t('series.none')}</p>
                ) : (
                  <ul className="card-list">
                    {list.items.map((s) => (
                      <li key={s.id} className="card">
                        <p>
                          <strong>{s.title}</strong>
                        </p>
                        <p className="muted">
                          {describeRule(fromRrule(s.rrule), t)} ·{' '}
                          {t('series.at', { time: s.startTime, zone: s.timezone })}
                        </p>
                        {canManage(g) ? (
                          <Link
                            to="/groups/$groupId/series/$seriesId"
                            params={{ groupId, seriesId: s.id }}
                            aria-label={t('series.editNamed', { title: s.title })}
                          >
                            {t('series.edit')}
                          </Link>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryState>
          </Section>
          <CalendarFeed groupId={groupId} />
        </Page>
      )}
    </QueryState>
  );
}

// Meetings grouped by month (the month of each meeting in its own zone).
function MeetingCalendar({
  groupId,
  meetings,
  locale,
  empty,
}: {
  groupId: string;
  meetings: Meeting[];
  locale: string;
  empty: string;
}) {
  const { t } = useTranslation('meetings');
  if (meetings.length === 0) return <p className="muted">{empty}</p>;
  const months = new Map<string, Meeting[]>();
  for (const m of meetings) {
    const month = new Intl.DateTimeFormat(locale, {
      timeZone: m.timezone,
      month: 'long',
      year: 'numeric',
    }).format(new Date(m.startsAt));
    months.set(month, [...(months.get(month) ?? []), m]);
  }
  return (
    <div className="calendar">
      {[...months].map(([month, items]) => (
        <div key={month} className="calendar-month">
          <h3>{month}</h3>
          <ul className="card-list">
            {items.map((m) => (
              <li key={m.id} className={`card${m.status === 'cancelled' ? ' card--cancelled' : ''}`}>
                <p>
                  <Link to="/groups/$groupId/meetings/$meetingId" params={{ groupId, meetingId: m.id }}>
                    {m.title}
                  </Link>{' '}
                  <span className={`badge${m.status === 'cancelled' ? ' badge--muted' : ''}`}>
                    {t(`status.${m.status}`)}
                  </span>
                </p>
                <p>
                  <time dateTime={m.startsAt}>{formatInstant(m.startsAt, m.timezone, locale)}</time>
                  {m.location ? <span className="muted"> · {m.location}</span> : null}
                </p>
                {m.myRsvp ? (
                  <p className="muted small">{t('myRsvp', { response: t(`rsvp.${m.myRsvp}`) })}</p>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

const feedUrl = (template: string, groupId: string) =>
  `${window.location.origin}${template.replace('{groupId}', groupId)}`;

// The personal feed URL to paste into Outlook or Google Calendar, with a copy button.
function CalendarFeed({ groupId }: { groupId: string }) {
  const { t } = useTranslation('meetings');
  const token = useCalendarToken();
  const rotate = useRotateCalendarToken();
  const [copied, setCopied] = useState(false);
  return (
    <Section title={t('feed.title')} id="meetings-feed">
      <QueryState query={token}>
        {(data: Schemas['CalendarTokenDto']) => {
          const url = feedUrl(data.feedPathTemplate, groupId);
          return (
            <>
              <p>{t('feed.explain')}</p>
              <div className="field">
                <label htmlFor="calendar-feed-url">{t('feed.url')}</label>
                <input id="calendar-feed-url" readOnly value={url} onFocus={(e) => e.target.select()} />
              </div>
              <div className="button-row">
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    void navigator.clipboard
                      ?.writeText(url)
                      .then(() => setCopied(true))
                      .catch(() => setCopied(false));
                  }}
                >
                  {t('feed.copy')}
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={rotate.isPending}
                  onClick={() => {
                    if (window.confirm(t('feed.rotateConfirm'))) rotate.mutate();
                  }}
                >
                  {t('feed.rotate')}
                </button>
              </div>
              <p role="status" className="muted small">
                {copied ? t('feed.copied') : ''}
              </p>
              <details>
                <summary>{t('feed.howTo')}</summary>
                <ul>
                  <li>{t('feed.outlook')}</li>
                  <li>{t('feed.google')}</li>
                  <li>{t('feed.secret')}</li>
                </ul>
              </details>
            </>
          );
        }}
      </QueryState>
    </Section>
  );
}

// An ad hoc meeting, outside any series (in the group's zone): also how a meeting already held
// gets onto the record.
function AdHocMeetingDialog({ group }: { group: Group }) {
  const { t } = useTranslation('meetings');
  const [open, setOpen] = useState(false);
  const create = useCreateMeeting(group.id);
  const [title, setTitle] = useState(() => t('adHoc.defaultTitle'));
  const [date, setDate] = useState(() => todayIn(group.timezone));
  const [time, setTime] = useState('10:00');
  const [duration, setDuration] = useState('120');
  const [location, setLocation] = useState('');
  const problem = create.error ? describeProblem(create.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = zonedInstant(date, time, group.timezone);
    create.mutate(
      {
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + Number(duration) * 60_000).toISOString(),
        timezone: group.timezone,
        location: location || undefined,
        reminderOffsetsMinutes: [10080, 1440],
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={create.reset}
      title={t('adHoc.title')}
      description={t('adHoc.explain', { zone: group.timezone })}
      trigger={
        <button type="button" className="button">
          {t('adHoc.open')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('fields.title')}
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={problem?.fields.title}
        />
        <TextField
          label={t('fields.date')}
          type="date"
          required
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={problem?.fields.startsAt}
        />
        <TextField
          label={t('fields.startTimeIn', { zone: group.timezone })}
          type="time"
          required
          value={time}
          onChange={(e) => setTime(e.target.value)}
        />
        <TextField
          label={t('fields.duration')}
          type="number"
          min={5}
          max={1440}
          required
          value={duration}
          onChange={(e) => setDuration(e.target.value)}
        />
        <TextField
          label={t('fields.location')}
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          error={problem?.fields.location}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('adHoc.submit')}
        </button>
      </form>
    </Dialog>
  );
}
