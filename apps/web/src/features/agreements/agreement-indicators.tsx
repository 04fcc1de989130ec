import { useTranslation } from 'react-i18next';
import { type Schemas } from '@/api';
import { QueryState, Section } from '@/components';
import { CLAUSE_KEYS, useIndicators } from './api';

import './agreements.css';

const percent = (share: number | null, locale: string) =>
  share === null ? null : new Intl.NumberFormat(locale, { style: 'percent' }).format(share);

// The monitoring indicators over what the caller may see (GET …/agreements/indicators). Exported
// for the co-chair's dashboard; loads the agreements catalogue itself.
export function AgreementIndicators({ groupId }: { groupId: string }) {
  const { t, i18n } = useTranslation('agreements');
  const indicators = useIndicators(groupId);
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return (
    <Section title={t('indicators.title')} id={`agreement-indicators-${groupId}`}>
      <QueryState query={indicators}>
        {(d: Schemas['AgreementIndicatorsDto']) => (
          <>
            <dl className="indicators">
              <div>
                <dt>{t('indicators.inForce')}</dt>
                <dd>{d.agreementsInForce}</dd>
              </div>
              <div>
                <dt>{t('indicators.sites')}</dt>
                <dd>
                  {t('indicators.sitesValue', {
                    covered: d.sites.withAgreementInForce,
                    total: d.sites.withPublicSecurity,
                  })}
                  {d.sites.share !== null ? ` (${percent(d.sites.share, locale)})` : null}
                </dd>
              </div>
              <div>
                <dt>{t('indicators.reviewsOverdue')}</dt>
                <dd>{d.reviewsOverdue}</dd>
              </div>
              <div>
                <dt>{t('indicators.obligations')}</dt>
                <dd>
                  {t('indicators.obligationsValue', {
                    met: d.obligations.met,
                    total: d.obligations.total,
                    overdue: d.obligations.overdue,
                  })}
                </dd>
              </div>
              <div>
                <dt>{t('indicators.nonCompliance')}</dt>
                <dd>
                  {t('indicators.nonComplianceValue', {
                    open: d.nonCompliance.open,
                    closed: d.nonCompliance.closed,
                  })}
                </dd>
              </div>
              <div>
                <dt>{t('indicators.medianAcknowledge')}</dt>
                <dd>
                  {d.nonCompliance.medianDaysToAcknowledge === null
                    ? t('indicators.none')
                    : t('indicators.days', { count: d.nonCompliance.medianDaysToAcknowledge })}
                </dd>
              </div>
              <div>
                <dt>{t('indicators.medianResolve')}</dt>
                <dd>
                  {d.nonCompliance.medianDaysToResolve === null
                    ? t('indicators.none')
                    : t('indicators.days', { count: d.nonCompliance.medianDaysToResolve })}
                </dd>
              </div>
            </dl>
            <table className="table coverage-table">
              <caption>{t('indicators.coverageCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicators.clause')}</th>
                  <th scope="col">{t('indicators.agreementsWithClause')}</th>
                </tr>
              </thead>
              <tbody>
                {CLAUSE_KEYS.map((key) => {
                  const row = d.clauseCoverage.find((c) => c.key === key);
                  return (
                    <tr key={key}>
                      <th scope="row">{t('clauseKey', { key })}</th>
                      <td>
                        {row ? row.agreements : 0}
                        {row && row.share !== null ? ` (${percent(row.share, locale)})` : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </QueryState>
    </Section>
  );
}
