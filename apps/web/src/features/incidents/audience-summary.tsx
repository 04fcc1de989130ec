import { useTranslation } from 'react-i18next';
import type { Member } from '@/features/groups';
import type { Confidentiality } from './api';
import { audienceOf, type OrganisationAudience } from './audience';

// In plain words, who will and who will not see the incident — the focal point and co-chairs by
// name, since people assume they see everything.
export function AudienceSummary({
  members,
  reportingOrganisationId,
  confidentiality,
  sharedWith,
}: {
  members: Member[];
  reportingOrganisationId: string | undefined;
  confidentiality: Confidentiality;
  sharedWith: readonly string[];
}) {
  const { t } = useTranslation('incidents');
  const a = audienceOf(members, reportingOrganisationId, confidentiality, sharedWith);
  const list = (orgs: OrganisationAudience[]) =>
    orgs
      .map((o) =>
        o.id === reportingOrganisationId
          ? t('form.yourOrganisation', { name: o.name })
          : t('form.orgPeople', { name: o.name, count: o.people }),
      )
      .join(', ');
  const people = a.sees.reduce((n, o) => n + o.people, 0);
  return (
    <div className="notice audience" role="status" aria-live="polite">
      {confidentiality === 'group' ? (
        <p>{t('form.willSeeGroup', { count: people, organisations: a.sees.length })}</p>
      ) : a.sees.length <= 1 ? (
        <p>{t('form.onlyYou')}</p>
      ) : (
        <p>{t('form.willSee', { list: list(a.sees) })}</p>
      )}
      {a.doesNotSee.length > 0 ? (
        <p>
          <strong>{t('form.willNotSee', { list: list(a.doesNotSee) })}</strong>
        </p>
      ) : null}
      <ul>
        {a.focalPoints.map((f) => (
          <li key={`fp-${f.name}`}>
            {f.sees ? (
              t('form.focalPointSees', { name: f.name })
            ) : (
              <strong>{t('form.focalPointDoesNot', { name: f.name })}</strong>
            )}
          </li>
        ))}
        {a.coChairs.map((c) => (
          <li key={`cc-${c.name}`}>
            {c.sees ? (
              t('form.coChairSees', { name: c.name })
            ) : (
              <strong>{t('form.coChairDoesNot', { name: c.name })}</strong>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
