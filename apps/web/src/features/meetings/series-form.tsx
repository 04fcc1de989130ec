import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { FormError, Section, TextField } from '@/components';
import { todayIn } from '@/i18n/format';
import { useCreateSeries, useDeleteSeries, useUpdateSeries, type Series } from './api';
import { DEFAULT_RULE, fromRrule, toRrule, type RuleForm } from './recurrence';
import { RuleBuilder } from './rule-builder';

// Create a series (everything) or edit one (its future, not-yet-modified meetings follow).
export function SeriesForm({
  groupId,
  groupZone,
  series,
}: {
  groupId: string;
  groupZone: string;
  series?: Series;
}) {
  const { t } = useTranslation('meetings');
  const navigate = useNavigate();
  const create = useCreateSeries(groupId);
  const update = useUpdateSeries(groupId);
  const remove = useDeleteSeries(groupId);
  const [title, setTitle] = useState(series?.title ?? t('series.defaultTitle'));
  const [rule, setRule] = useState<RuleForm>(series ? fromRrule(series.rrule) : DEFAULT_RULE);
  const [startDate, setStartDate] = useState(series?.startDate ?? todayIn(groupZone));
  const [startTime, setStartTime] = useState(series?.startTime ?? '10:00');
  const [timezone, setTimezone] = useState(series?.timezone ?? groupZone);
  const [duration, setDuration] = useState(String(series?.durationMinutes ?? 120));
  const [location, setLocation] = useState(series?.location ?? '');
  const [onlineUrl, setOnlineUrl] = useState(series?.onlineUrl ?? '');
  // The preview starts today, as the server materialises meetings from now on.
  const [now] = useState(() => new Date());
  const mutation = series ? update : create;
  const problem = mutation.error ? describeProblem(mutation.error, t) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = {
      title,
      rrule: toRrule(rule),
      startTime,
      timezone,
      durationMinutes: Number(duration),
      location: location || undefined,
      onlineUrl: onlineUrl || undefined,
    };
    const done = () => void navigate({ to: '/groups/$groupId/meetings', params: { groupId } });
    if (series) update.mutate({ seriesId: series.id, ...common }, { onSuccess: done });
    else
      create.mutate(
        { ...common, startDate, horizonDays: 90, reminderOffsetsMinutes: [10080, 1440] },
        { onSuccess: done },
      );
  };

  return (
    <Section title={series ? t('series.editTitle') : t('series.newTitle')} id="series-form">
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
        <div className="field-row">
          <TextField
            label={t('fields.startDate')}
            type="date"
            required
            disabled={Boolean(series)}
            value={startDate}
            onChange={(e) => setStartDate(e.target.value)}
            error={problem?.fields.startDate}
          />
          <TextField
            label={t('fields.startTime')}
            type="time"
            required
            value={startTime}
            onChange={(e) => setStartTime(e.target.value)}
            error={problem?.fields.startTime}
          />
          <TextField
            label={t('fields.duration')}
            type="number"
            min={5}
            max={1440}
            required
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            error={problem?.fields.durationMinutes}
          />
        </div>
        <TextField
          label={t('fields.timezone')}
          hint={t('fields.timezoneHint')}
          required
          value={timezone}
          onChange={(e) => setTimezone(e.target.value)}
          error={problem?.fields.timezone}
        />
        <RuleBuilder
          value={rule}
          onChange={setRule}
          startDate={startDate}
          startTime={startTime}
          timezone={timezone}
          from={now}
          error={problem?.fields.rrule}
        />
        <TextField
          label={t('fields.location')}
          maxLength={300}
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          error={problem?.fields.location}
        />
        <TextField
          label={t('fields.onlineUrl')}
          type="url"
          value={onlineUrl}
          onChange={(e) => setOnlineUrl(e.target.value)}
          error={problem?.fields.onlineUrl}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={mutation.isPending}>
            {series ? t('series.save') : t('series.create')}
          </button>
          {series ? (
            <button
              type="button"
              className="button button--danger-quiet"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(t('series.stopConfirm')))
                  remove.mutate(series.id, {
                    onSuccess: () => void navigate({ to: '/groups/$groupId/meetings', params: { groupId } }),
                  });
              }}
            >
              {t('series.stop')}
            </button>
          ) : null}
        </div>
      </form>
    </Section>
  );
}
