import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import type { Incident } from './api';

export function SeverityBadge({ severity }: { severity: Incident['severity'] }) {
  const { t } = useTranslation('incidents');
  return <span className={`badge severity severity--${severity}`}>{t(`severity.${severity}`)}</span>;
}

export function ConfidentialityBadge({ incident }: { incident: Incident }) {
  const { t } = useTranslation('incidents');
  if (incident.confidentiality === 'group')
    return <span className="badge badge--muted">{t('confidentiality.group')}</span>;
  return <span className="badge badge--accent">{t('confidentiality.restricted')}</span>;
}

export function reporterText(incident: Incident, t: TFunction<'incidents'>): string {
  return incident.reporter
    ? t('list.reportedBy', {
        name: incident.reporter.displayName,
        organisation: incident.reporter.organisation.name,
      })
    : t('list.anonymousReporter');
}

export function IncidentCard({ incident, timezone }: { incident: Incident; timezone: string }) {
  const { t, i18n } = useTranslation('incidents');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  return (
    <li className="card incident-card" data-incident-id={incident.id}>
      <h3>
        <Link
          to="/groups/$groupId/incidents/$incidentId"
          params={{ groupId: incident.groupId, incidentId: incident.id }}
        >
          {incident.title}
        </Link>
      </h3>
      <p className="chip-list">
        <SeverityBadge severity={incident.severity} />
        <span className="badge">{t(`category.${incident.category}`)}</span>
        <span className="badge badge--muted">{t(`status.${incident.status}`)}</span>
        <ConfidentialityBadge incident={incident} />
      </p>
      <p className="muted small">
        {formatInstant(incident.occurredAt, timezone, locale)} · {incident.location.name}
      </p>
      <p className="muted small">
        {reporterText(incident, t)} · {t('list.updates', { count: incident.updateCount })}
      </p>
      {incident.confidentiality === 'restricted' ? (
        <p className="muted small">
          {incident.sharedWithOrganisations.length
            ? t('list.restrictedTo', { list: incident.sharedWithOrganisations.map((o) => o.name).join(', ') })
            : t('list.restrictedMine')}
        </p>
      ) : null}
    </li>
  );
}
