import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { FormError, Page, QueryState, SelectField, TextField } from '@/components';
import { formatInstant } from '@/i18n/format';
import { intlLocale, isLanguage, LANGUAGES, rememberLanguage } from '@/i18n/languages';
import { useMe, useUpdateMe } from './api';

const zones = (() => {
  try {
    return (
      (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ??
      []
    );
  } catch {
    return [];
  }
})();

// The account's name, language and time zone (PATCH /me). The language applies at once and on
// every device the account signs in on.
export function PreferencesPage() {
  const { t } = useTranslation('preferences');
  const me = useMe();
  return (
    <Page title={t('title')}>
      <QueryState query={me}>{(m: Schemas['MeDto']) => <PreferencesForm me={m} />}</QueryState>
    </Page>
  );
}

function PreferencesForm({ me }: { me: Schemas['MeDto'] }) {
  const { t, i18n } = useTranslation('preferences');
  const update = useUpdateMe();
  const current = me.locale?.toLowerCase().split('-')[0];
  const [displayName, setDisplayName] = useState(me.displayName);
  const [language, setLanguage] = useState(isLanguage(current) ? current : (i18n.resolvedLanguage ?? 'en'));
  const [timeZone, setTimeZone] = useState(me.timeZone ?? '');
  const [saved, setSaved] = useState(false);
  const problem = update.error ? describeProblem(update.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate(
      { displayName, locale: language, timeZone: timeZone || null },
      {
        onSuccess: () => {
          setSaved(true);
          if (isLanguage(language)) {
            rememberLanguage(localStorage, language);
            void i18n.changeLanguage(language);
          }
        },
      },
    );
  };
  let example = '';
  try {
    if (timeZone) example = formatInstant(new Date(), timeZone, intlLocale(language));
  } catch {
    example = '';
  }
  return (
    <form className="form" onSubmit={submit}>
      <FormError message={problem?.message} />
      <TextField
        label={t('displayName')}
        required
        maxLength={200}
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={problem?.fields.displayName}
      />
      <SelectField
        label={t('language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        options={LANGUAGES.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
        error={problem?.fields.locale}
      />
      <TextField
        label={t('timeZone')}
        hint={t('timeZoneHint')}
        list="time-zones"
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        error={problem?.fields.timeZone}
      />
      <datalist id="time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {example ? <p className="muted small">{t('nowThere', { time: example })}</p> : null}
      <p role="status" className="muted small">
        {saved ? t('saved') : ''}
      </p>
      <button type="submit" className="button button--primary" disabled={update.isPending}>
        {t('save')}
      </button>
    </form>
  );
}
