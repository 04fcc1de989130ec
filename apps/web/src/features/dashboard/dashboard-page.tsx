import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { QueryState, Section } from '@/components';
import { useGroup, type Group } from '@/features/groups';
import {
  isTerminalRecommendation,
  useRecommendations,
  type Recommendation,
} from '@/features/recommendations';
import { formatCalendarDate, formatInstant, todayIn } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import { useMinutesAwaitingApproval, useOpenIncidentCount, useOpenNonCompliance } from './api';

export function DashboardPage() {
  const { groupId } = useParams({ from: '/app/groups/$groupId/dashboard' });
  const group = useGroup(groupId);
  return <QueryState query={group}>{(g: Group) => <Dashboard group={g} />}</QueryState>;
}

// A co-chair's desk: what waits for them, in the group's zone. Every count comes from lists the
// server has already filtered for the caller, so nothing restricted is counted.
function Dashboard({ group }: { group: Group }) {
  const { t, i18n } = useTranslation('dashboard');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const minutes = useMinutesAwaitingApproval(group.id);
  const nonCompliance = useOpenNonCompliance(group.id);
  const incidents = useOpenIncidentCount(group.id);
  const recommendations = useRecommendations(group.id, {}, 200);
  const month = todayIn(group.timezone).slice(0, 7);
  const all: Recommendation[] = recommendations.data?.pages.flatMap((p) => p.items) ?? [];
  const pending = all.filter((r) => !isTerminalRecommendation(r.status));
  const dueThisMonth = pending.filter((r) => r.dueDate.startsWith(month));
  const overdue = pending.filter((r) => r.overdue);
  const count = (n: number | undefined, more = false) => (n == null ? '…' : more ? `${n}+` : String(n));

  return (
    <>
      <Section title={t('title')} id="dashboard">
        <p className="muted small">{t('hint', { zone: group.timezone })}</p>
        <ul className="stat-grid">
          <li className="stat" data-testid="dashboard-minutes">
            <span className="stat-value">{count(minutes.data?.items.length, minutes.data?.more)}</span>
            {t('minutes')}
          </li>
          <li className="stat" data-testid="dashboard-due">
            <span className="stat-value">
              {count(recommendations.data ? dueThisMonth.length : undefined)}
            </span>
            {t('dueThisMonth')}
          </li>
          <li className="stat" data-testid="dashboard-overdue">
            <span className="stat-value">{count(recommendations.data ? overdue.length : undefined)}</span>
            {t('overdue')}
          </li>
          <li className="stat" data-testid="dashboard-non-compliance">
            <span className="stat-value">
              {count(nonCompliance.data?.items.length, nonCompliance.data?.more)}
            </span>
            {t('nonCompliance')}
          </li>
          <li className="stat" data-testid="dashboard-incidents">
            <span className="stat-value">{count(incidents.data?.count, incidents.data?.more)}</span>
            {t('openIncidents')}
          </li>
        </ul>
        {/* Agreement indicators (GET /groups/{id}/agreements/indicators) may be added here by the
            agreements screens. */}
      </Section>
      <Section title={t('minutesTitle')} id="dashboard-minutes-list">
        <QueryState query={minutes}>
          {({ items }) =>
            items.length === 0 ? (
              <p className="muted">{t('nothing')}</p>
            ) : (
              <ul>
                {items.map((m) => (
                  <li key={m.meetingId}>
                    {t('meetingLine', {
                      title: m.title,
                      date: formatInstant(m.startsAt, m.timezone, locale, { dateOnly: true }),
                    })}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </Section>
      <Section title={t('recommendationsTitle')} id="dashboard-recommendations">
        <QueryState query={recommendations}>
          {() =>
            dueThisMonth.length + overdue.length === 0 ? (
              <p className="muted">{t('nothing')}</p>
            ) : (
              <ul>
                {[...overdue, ...dueThisMonth.filter((r) => !r.overdue)].map((r) => (
                  <li key={r.id}>
                    <Link
                      to="/groups/$groupId/recommendations/$recommendationId"
                      params={{ groupId: group.id, recommendationId: r.id }}
                    >
                      {r.title}
                    </Link>{' '}
                    <span className="muted small">
                      {t('due', { date: formatCalendarDate(r.dueDate, locale) })}
                      {r.overdue ? ` — ${t('overdueMark')}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </Section>
      <Section title={t('nonComplianceTitle')} id="dashboard-non-compliance-list">
        <QueryState query={nonCompliance}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="muted">{t('nothing')}</p>
            ) : (
              <ul>
                {data.items.map((r) => (
                  <li key={r.id}>
                    {t('nonComplianceLine', {
                      agreement: r.agreementTitle,
                      status: t(`ncStatus.${r.status}`),
                    })}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </Section>
    </>
  );
}
