import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { QueryState, Section } from '@/components';
import { useGroup, type Group } from '@/features/groups';
import { formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import { useAuditLog } from './api';

export function AuditPage() {
  const { groupId } = useParams({ from: '/app/groups/$groupId/audit' });
  const group = useGroup(groupId);
  return <QueryState query={group}>{(g: Group) => <AuditLog group={g} />}</QueryState>;
}

function AuditLog({ group }: { group: Group }) {
  const { t, i18n } = useTranslation('audit');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const log = useAuditLog(group.id);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section title={t('title')} id="audit">
      <p className="muted small">{t('hint', { zone: group.timezone })}</p>
      <QueryState query={log}>
        {() =>
          items.length === 0 ? (
            <p className="muted">{t('empty')}</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('when', { zone: group.timezone })}</th>
                  <th scope="col">{t('who')}</th>
                  <th scope="col">{t('what')}</th>
                  <th scope="col">{t('object')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id}>
                    <td>{formatInstant(e.at, group.timezone, locale, { hideZone: true })}</td>
                    <td>{e.actor?.displayName ?? t('system')}</td>
                    <td>{t(`action.${e.action}`, { defaultValue: e.action })}</td>
                    <td>{t(`entity.${e.entityType}`, { defaultValue: e.entityType })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {log.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          {t('loadMore')}
        </button>
      ) : null}
    </Section>
  );
}
