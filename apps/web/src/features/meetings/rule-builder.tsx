import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components';
import { formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  fromRrule,
  ORDINALS,
  previewOccurrences,
  toRrule,
  WEEKDAYS,
  type Ordinal,
  type RuleForm,
  type Weekday,
} from './recurrence';

const KINDS: RuleForm['kind'][] = ['monthlyWeekday', 'monthlyDay', 'weekly', 'custom'];
const DAYS = [...Array.from({ length: 28 }, (_, i) => i + 1), -1];
export const PREVIEW_COUNT = 6;

// "First Tuesday of every month at 10:00": the rhythm as a form, the RRULE it writes, and the
// next occurrences in the series' time zone before anything is saved.
export function RuleBuilder({
  value,
  onChange,
  startDate,
  startTime,
  timezone,
  from,
  error,
}: {
  value: RuleForm;
  onChange: (next: RuleForm) => void;
  startDate: string;
  startTime: string;
  timezone: string;
  from?: Date;
  error?: string;
}) {
  const { t, i18n } = useTranslation('meetings');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const previewId = useId();
  const rrule = toRrule(value);
  const next = previewOccurrences(value, { startDate, startTime, timezone }, PREVIEW_COUNT, from);
  const interval = 'interval' in value ? value.interval : 1;

  const setKind = (kind: RuleForm['kind']) => {
    if (kind === value.kind) return;
    const weekday: Weekday = 'weekday' in value ? value.weekday : 'TU';
    switch (kind) {
      case 'monthlyWeekday':
        return onChange({ kind, ordinal: 1, weekday, interval });
      case 'monthlyDay':
        return onChange({ kind, day: 1, interval });
      case 'weekly':
        return onChange({ kind, weekday, interval: interval > 1 ? interval : 4 });
      case 'custom':
        return onChange({ kind, rrule });
    }
  };

  return (
    <fieldset className="rule-builder">
      <legend>{t('rule.legend')}</legend>
      <SelectField
        label={t('rule.repeats')}
        value={value.kind}
        onChange={(e) => setKind(e.target.value as RuleForm['kind'])}
        options={KINDS.map((k) => ({ value: k, label: t(`rule.kind.${k}`) }))}
      />
      {value.kind === 'monthlyWeekday' ? (
        <div className="field-row">
          <SelectField
            label={t('rule.ordinal')}
            value={String(value.ordinal)}
            onChange={(e) => onChange({ ...value, ordinal: Number(e.target.value) as Ordinal })}
            options={ORDINALS.map((o) => ({ value: String(o), label: t(`rule.ordinals.${o}`) }))}
          />
          <SelectField
            label={t('rule.weekday')}
            value={value.weekday}
            onChange={(e) => onChange({ ...value, weekday: e.target.value as Weekday })}
            options={WEEKDAYS.map((w) => ({ value: w, label: t(`rule.weekdays.${w}`) }))}
          />
        </div>
      ) : null}
      {value.kind === 'weekly' ? (
        <SelectField
          label={t('rule.weekday')}
          value={value.weekday}
          onChange={(e) => onChange({ ...value, weekday: e.target.value as Weekday })}
          options={WEEKDAYS.map((w) => ({ value: w, label: t(`rule.weekdays.${w}`) }))}
        />
      ) : null}
      {value.kind === 'monthlyDay' ? (
        <SelectField
          label={t('rule.day')}
          value={String(value.day)}
          onChange={(e) => onChange({ ...value, day: Number(e.target.value) })}
          options={DAYS.map((d) => ({
            value: String(d),
            label: d === -1 ? t('rule.lastDay') : t('rule.dayN', { day: d }),
          }))}
        />
      ) : null}
      {value.kind !== 'custom' ? (
        <TextField
          label={value.kind === 'weekly' ? t('rule.intervalWeeks') : t('rule.intervalMonths')}
          type="number"
          min={1}
          max={12}
          required
          value={String(value.interval)}
          onChange={(e) => {
            const n = Math.max(1, Math.min(12, Math.trunc(Number(e.target.value)) || 1));
            onChange({ ...value, interval: n });
          }}
        />
      ) : (
        <TextField
          label={t('rule.rrule')}
          hint={t('rule.rruleHint')}
          required
          value={value.rrule}
          onChange={(e) => onChange({ kind: 'custom', rrule: e.target.value })}
          error={error}
        />
      )}
      <p className="muted small">
        {t('rule.written')} <code>{rrule}</code>
      </p>
      {value.kind !== 'custom' && error ? <p className="field-error">{error}</p> : null}
      <h3 id={previewId} className="small-heading">
        {t('rule.preview', { zone: timezone })}
      </h3>
      {next.length === 0 ? (
        <p className="muted">{value.kind === 'custom' ? t('rule.noPreviewCustom') : t('rule.noPreview')}</p>
      ) : (
        <ol aria-labelledby={previewId} className="occurrence-list">
          {next.map((d) => (
            <li key={d.toISOString()}>
              <time dateTime={d.toISOString()}>{formatInstant(d, timezone, locale)}</time>
            </li>
          ))}
        </ol>
      )}
    </fieldset>
  );
}

export { fromRrule, toRrule };
