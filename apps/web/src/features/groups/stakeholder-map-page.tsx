import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Schemas } from '@/api';
import { QueryState, Section } from '@/components';
import { useStakeholderMap } from './api';

// Who is at the table, by kind and by organisation, the named contact points, and the kinds the
// toolkit recommends that are still missing.
export function StakeholderMapPage() {
  const { t } = useTranslation('groups');
  const { groupId } = useParams({ from: '/app/groups/$groupId/stakeholder-map' });
  const map = useStakeholderMap(groupId);
  return (
    <QueryState query={map}>
      {(m: Schemas['StakeholderMapDto']) => (
        <>
          <Section title={t('map.missingTitle')} id="map-missing">
            {m.missingKinds.length === 0 ? (
              <p className="notice notice--ok">{t('map.allRepresented')}</p>
            ) : (
              <>
                <p className="notice notice--warn">
                  {t('map.missingIntro', { count: m.missingKinds.length })}
                </p>
                <ul className="chip-list" aria-label={t('map.missingTitle')}>
                  {m.missingKinds.map((k) => (
                    <li key={k} className="chip">
                      {t(`common:kind.${k}`)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Section>
          <Section title={t('map.byKind')} id="map-kinds">
            <p>{t('map.activeMembers', { count: m.activeMembers })}</p>
            <table className="table">
              <caption className="visually-hidden">{t('map.byKind')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('map.kind')}</th>
                  <th scope="col">{t('map.organisations')}</th>
                  <th scope="col">{t('map.members')}</th>
                </tr>
              </thead>
              <tbody>
                {m.byKind.map((k) => (
                  <tr key={k.kind}>
                    <th scope="row">{t(`common:kind.${k.kind}`)}</th>
                    <td>{k.organisations}</td>
                    <td>{k.members}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section title={t('map.byOrganisation')} id="map-organisations">
            <table className="table">
              <caption className="visually-hidden">{t('map.byOrganisation')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('map.organisation')}</th>
                  <th scope="col">{t('map.kind')}</th>
                  <th scope="col">{t('map.members')}</th>
                </tr>
              </thead>
              <tbody>
                {m.byOrganisation.map((o) => (
                  <tr key={o.organisation.id}>
                    <th scope="row">{o.organisation.name}</th>
                    <td>{t(`common:kind.${o.organisation.kind}`)}</td>
                    <td>{o.members}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section title={t('map.contactPoints')} id="map-contacts">
            {m.contactPoints.length === 0 ? (
              <p className="muted">{t('map.noContactPoints')}</p>
            ) : (
              <ul className="card-list">
                {m.contactPoints.map((c) => (
                  <li key={c.memberId} className="card">
                    <strong>{c.displayName ?? t('coChairs.unknownPerson')}</strong>
                    <span className="muted">
                      {t('coChairs.ofOrganisation', { organisation: c.organisation.name })}
                    </span>
                    {c.email ? (
                      <a className="contact-email" href={`mailto:${c.email}`}>
                        {c.email}
                      </a>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
    </QueryState>
  );
}
