import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { QueryState, Section } from '@/components';
import { useGroup, type Group } from '@/features/groups';
import { formatCalendarDate, formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import { isTerminal, STATUSES, useRecommendations, useRecommendationSummary, type Summary } from './api';

export function RecommendationSummaryPage() {
  const { groupId } = useParams({ from: '/app/groups/$groupId/recommendations/summary' });
  const group = useGroup(groupId);
  const summary = useRecommendationSummary(groupId);
  return (
    <QueryState query={group}>
      {(g: Group) => (
        <QueryState query={summary}>{(s: Summary) => <SummaryReport group={g} summary={s} />}</QueryState>
      )}
    </QueryState>
  );
}

const percent = (rate: number | null) => (rate == null ? null : Math.round(rate * 1000) / 10);

// The summary as figures, bar charts with the same numbers as tables, and the open and overdue
// recommendations: printed, it is the one-page follow-up report for the next meeting.
function SummaryReport({ group, summary }: { group: Group; summary: Summary }) {
  const { t, i18n } = useTranslation('recommendations');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const list = useRecommendations(group.id, {}, 200);
  const pending = (list.data?.pages.flatMap((p) => p.items) ?? []).filter((r) => !isTerminal(r.status));
  const rate = percent(summary.implementationRate);
  const maxStatus = Math.max(1, ...STATUSES.map((s) => summary.byStatus[s]));
  const none = t('summary.none');
  return (
    <div className="follow-up-report">
      <div className="print-only">
        <h2>{t('summary.reportTitle', { group: group.name })}</h2>
        <p>
          {t('summary.reportAsOf', {
            date: formatInstant(new Date(), group.timezone, locale, { hideZone: true }),
            zone: group.timezone,
          })}
        </p>
      </div>
      <Section
        title={t('summaryTitle')}
        id="recommendation-summary"
        actions={
          <span className="button-row no-print">
            <Link
              to="/groups/$groupId/recommendations"
              params={{ groupId: group.id }}
              className="button button--quiet"
            >
              {t('detail.back')}
            </Link>
            <button type="button" className="button button--primary" onClick={() => window.print()}>
              {t('summary.print')}
            </button>
          </span>
        }
      >
        <ul className="stat-grid" aria-label={t('summaryTitle')}>
          <li className="stat">
            <span className="stat-value" data-testid="summary-total">
              {summary.total}
            </span>
            {t('summary.total')}
          </li>
          <li className="stat">
            <span className="stat-value" data-testid="summary-rate">
              {rate == null ? none : t('summary.rate', { value: rate })}
            </span>
            {t('summary.implementationRate')}
            <span className="muted small"> ({t('summary.implementationRateHint')})</span>
          </li>
          <li className="stat">
            <span className="stat-value" data-testid="summary-overdue">
              {summary.overdue}
            </span>
            {t('summary.overdue')}
          </li>
          <li className="stat">
            <span className="stat-value" data-testid="summary-median">
              {summary.medianDaysToImplement == null
                ? none
                : t('summary.days', { value: summary.medianDaysToImplement })}
            </span>
            {t('summary.medianDays')}
          </li>
        </ul>
      </Section>
      <Section title={t('summary.byStatus')} id="recommendation-by-status">
        <div className="bar-chart" role="img" aria-label={t('summary.chartByStatus')}>
          {STATUSES.map((s) => (
            <div key={s} className="bar-chart-row" aria-hidden="true">
              <span>{t(`status.${s}`)}</span>
              <span
                className="bar-chart-bar"
                style={{ width: `${(summary.byStatus[s] / maxStatus) * 100}%` }}
              />
              <span>{summary.byStatus[s]}</span>
            </div>
          ))}
        </div>
        <table className="table">
          <caption>{t('summary.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.status')}</th>
              <th scope="col">{t('summary.count')}</th>
            </tr>
          </thead>
          <tbody>
            {STATUSES.map((s) => (
              <tr key={s}>
                <th scope="row">{t(`status.${s}`)}</th>
                <td>{summary.byStatus[s]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t('summary.byOrganisation')} id="recommendation-by-organisation">
        <div className="bar-chart" role="img" aria-label={t('summary.chartRate')}>
          {summary.byOrganisation.map((o) => (
            <div key={o.organisation.id} className="bar-chart-row" aria-hidden="true">
              <span>{o.organisation.name}</span>
              <span className="bar-chart-bar" style={{ width: `${percent(o.implementationRate) ?? 0}%` }} />
              <span>
                {o.implementationRate == null
                  ? none
                  : t('summary.rate', { value: percent(o.implementationRate) })}
              </span>
            </div>
          ))}
        </div>
        <table className="table" data-testid="summary-by-organisation">
          <caption>{t('summary.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.organisation')}</th>
              <th scope="col">{t('summary.total')}</th>
              <th scope="col">{t('status.implemented')}</th>
              <th scope="col">{t('summary.overdue')}</th>
              <th scope="col">{t('summary.implementationRate')}</th>
              <th scope="col">{t('summary.medianDays')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.byOrganisation.map((o) => (
              <tr key={o.organisation.id}>
                <th scope="row">{o.organisation.name}</th>
                <td>{o.total}</td>
                <td>{o.byStatus.implemented}</td>
                <td>{o.overdue}</td>
                <td>
                  {o.implementationRate == null
                    ? none
                    : t('summary.rate', { value: percent(o.implementationRate) })}
                </td>
                <td>
                  {o.medianDaysToImplement == null
                    ? none
                    : t('summary.days', { value: o.medianDaysToImplement })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t('summary.openList')} id="recommendation-pending">
        {pending.length === 0 ? (
          <p className="muted">{t('summary.noneOpen')}</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t('summary.openList')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.title')}</th>
                <th scope="col">{t('fields.responsible')}</th>
                <th scope="col">{t('fields.dueDate')}</th>
                <th scope="col">{t('fields.progress')}</th>
                <th scope="col">{t('fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.title}</th>
                  <td>{r.responsibleOrganisations.map((o) => o.name).join(', ')}</td>
                  <td>{formatCalendarDate(r.dueDate, locale)}</td>
                  <td>{t('list.progressValue', { value: r.progress })}</td>
                  <td>
                    {t(`status.${r.status}`)}
                    {r.overdue ? ` — ${t('list.overdue')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
