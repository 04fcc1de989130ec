import type { TFunction } from 'i18next';
import type { RuleForm } from './recurrence';

// "First Tuesday of every month", "Every 4 weeks on Tuesday", … in the reader's language.
export function describeRule(form: RuleForm, t: TFunction): string {
  switch (form.kind) {
    case 'monthlyWeekday':
      return t('meetings:rule.say.monthlyWeekday', {
        ordinal: t(`meetings:rule.ordinals.${form.ordinal}`),
        weekday: t(`meetings:rule.weekdays.${form.weekday}`),
        count: form.interval,
      });
    case 'monthlyDay':
      return form.day === -1
        ? t('meetings:rule.say.monthlyLastDay', { count: form.interval })
        : t('meetings:rule.say.monthlyDay', { day: form.day, count: form.interval });
    case 'weekly':
      return t('meetings:rule.say.weekly', {
        weekday: t(`meetings:rule.weekdays.${form.weekday}`),
        count: form.interval,
      });
    case 'custom':
      return t('meetings:rule.say.custom', { rrule: form.rrule });
  }
}
