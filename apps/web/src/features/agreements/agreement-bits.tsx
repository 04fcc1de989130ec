import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import type { AgreementStatus, Party } from './api';

export function useLocale(): string {
  const { i18n } = useTranslation();
  return intlLocale(i18n.resolvedLanguage ?? i18n.language);
}

// A calendar date of the agreement (effective, review…) is a date in the group's zone; the zone
// is named so nobody reads it as their own device's day.
export function GroupDate({ date, zone }: { date: string | null | undefined; zone: string }) {
  const { t } = useTranslation('agreements');
  const locale = useLocale();
  if (!date) return <>{t('notSet')}</>;
  return <>{t('dateInZone', { date: formatCalendarDate(date, locale), zone })}</>;
}

export function StatusBadge({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation('agreements');
  const accent = status === 'in_force' || status === 'signed';
  const muted = status === 'terminated' || status === 'expired' || status === 'abandoned';
  return (
    <span className={`badge${accent ? ' badge--accent' : muted ? ' badge--muted' : ''}`}>
      {t(`status.${status}`)}
    </span>
  );
}

export function VerifiedBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation('agreements');
  return verified ? <span className="badge badge--accent">{t('parties.verified')}</span> : null;
}

export function PartyName({ party }: { party: Party }) {
  const { t } = useTranslation('agreements');
  return (
    <>
      {party.organisation.name}
      {party.unit ? t('parties.unit', { unit: party.unit }) : null}
    </>
  );
}
