import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Schemas } from '@/api';
import { QueryState, Section } from '@/components';
import { formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import { useGroup } from './api';

export function GroupOverviewPage() {
  const { t, i18n } = useTranslation('groups');
  const { groupId } = useParams({ from: '/app/groups/$groupId/' });
  const group = useGroup(groupId);
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  return (
    <QueryState query={group}>
      {(g: Schemas['GroupDto']) => (
        <Section title={t('overview.title')} id="group-overview">
          {g.description ? <p className="lead">{g.description}</p> : null}
          <dl className="facts">
            <dt>{t('fields.region')}</dt>
            <dd>{g.region || t('overview.notSet')}</dd>
            <dt>{t('fields.timezone')}</dt>
            <dd>{g.timezone}</dd>
            <dt>{t('fields.languages')}</dt>
            <dd>{g.languages.length ? g.languages.join(', ') : t('overview.notSet')}</dd>
            <dt>{t('fields.coChairPolicy')}</dt>
            <dd>{t(`policy.${g.coChairPolicy}`)}</dd>
            <dt>{t('overview.myRole')}</dt>
            <dd>
              {g.myRole ? t(`common:role.${g.myRole}`) : t('overview.notSet')}
              {g.iAmCoChair ? ` · ${t('coChairs.badge')}` : null}
            </dd>
            <dt>{t('overview.created')}</dt>
            <dd>{formatInstant(g.createdAt, g.timezone, locale, { dateOnly: true })}</dd>
          </dl>
        </Section>
      )}
    </QueryState>
  );
}
