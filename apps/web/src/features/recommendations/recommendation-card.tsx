import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import type { Recommendation } from './api';

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const { t } = useTranslation('recommendations');
  return (
    <span className="progress-row">
      <progress className="progress" max={100} value={value} aria-label={label} />{' '}
      <span className="small">{t('list.progressValue', { value })}</span>
    </span>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation('recommendations');
  return <span className="badge badge--danger">{t('list.overdue')}</span>;
}

export function RecommendationCard({ recommendation: r }: { recommendation: Recommendation }) {
  const { t, i18n } = useTranslation('recommendations');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  return (
    <li className="card" data-recommendation-id={r.id}>
      <h3>
        <Link
          to="/groups/$groupId/recommendations/$recommendationId"
          params={{ groupId: r.groupId, recommendationId: r.id }}
        >
          {r.title}
        </Link>
      </h3>
      <p className="chip-list">
        <span className="badge">{t(`status.${r.status}`)}</span>
        <span className="badge badge--muted">{t(`priority.${r.priority}`)}</span>
        {r.overdue ? <OverdueBadge /> : null}
        {r.impact ? (
          <span className="badge badge--accent">
            {t('list.impactRated', { rating: t(`impact.${r.impact.rating}`) })}
          </span>
        ) : null}
      </p>
      <p className="muted small">
        {t('list.due', { date: formatCalendarDate(r.dueDate, locale) })} ·{' '}
        {t('list.responsible', { list: r.responsibleOrganisations.map((o) => o.name).join(', ') })}
      </p>
      <ProgressBar value={r.progress} label={t('list.progressLabel', { title: r.title })} />
    </li>
  );
}
