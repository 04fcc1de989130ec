import { Link, useParams } from '@tanstack/react-router';
import { lazy, Suspense, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState, Section, SelectField, TextField } from '@/components';
import { useGroup, type Group } from '@/features/groups';
import { instantFromZoned } from '@/i18n/format';
import {
  CATEGORIES,
  SEVERITIES,
  STATUSES,
  useIncidents,
  type Category,
  type IncidentFilter,
  type IncidentStatus,
  type Severity,
} from './api';
import { IncidentCard } from './incident-card';

const IncidentMap = lazy(() => import('./incident-map').then((m) => ({ default: m.IncidentMap })));

export function IncidentsPage() {
  const { groupId } = useParams({ from: '/app/groups/$groupId/incidents' });
  const group = useGroup(groupId);
  return <QueryState query={group}>{(g: Group) => <IncidentList group={g} />}</QueryState>;
}

// Filters and the search text live in this screen's state only: nothing about incidents goes
// into the URL or storage.
function IncidentList({ group }: { group: Group }) {
  const { t } = useTranslation('incidents');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [category, setCategory] = useState<Category | ''>('');
  const [status, setStatus] = useState<IncidentStatus | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState('');
  const [view, setView] = useState<'list' | 'map'>('list');

  const filter: IncidentFilter = useMemo(() => {
    const f: IncidentFilter = {};
    if (severity) f.severity = severity;
    if (category) f.category = category;
    if (status) f.status = status;
    if (from) f.from = instantFromZoned(from, group.timezone).toISOString();
    // "to" a date: up to the end of that day in the group's zone.
    if (to) f.to = new Date(instantFromZoned(to, group.timezone).getTime() + 86_400_000 - 1).toISOString();
    if (q) f.q = q;
    return f;
  }, [severity, category, status, from, to, q, group.timezone]);
  const incidents = useIncidents(group.id, filter);
  const items = useMemo(() => incidents.data?.pages.flatMap((p) => p.items) ?? [], [incidents.data]);
  const points = useMemo(
    () =>
      items.flatMap((i) =>
        i.location.lat != null && i.location.lng != null
          ? [{ id: i.id, title: i.title, severity: i.severity, lat: i.location.lat, lng: i.location.lng }]
          : [],
      ),
    [items],
  );
  const any = { value: '', label: t('list.any') };
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(searchText.trim());
  };
  const clear = () => {
    setSeverity('');
    setCategory('');
    setStatus('');
    setFrom('');
    setTo('');
    setSearchText('');
    setQ('');
  };

  return (
    <Section
      title={t('title')}
      id="incidents"
      actions={
        <Link
          to="/groups/$groupId/incidents/new"
          params={{ groupId: group.id }}
          className="button button--primary"
        >
          {t('report')}
        </Link>
      }
    >
      <p className="muted small">{t('live')}</p>
      <form role="search" className="search-row" onSubmit={search}>
        <TextField
          label={t('list.search')}
          type="search"
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          autoComplete="off"
        />
        <button type="submit" className="button">
          {t('list.searchButton')}
        </button>
      </form>
      <fieldset className="filters fieldset">
        <legend>{t('list.filters')}</legend>
        <SelectField
          label={t('fields.severity')}
          value={severity}
          onChange={(e) => setSeverity(e.target.value as Severity | '')}
          options={[any, ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))]}
        />
        <SelectField
          label={t('fields.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value as Category | '')}
          options={[any, ...CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))]}
        />
        <SelectField
          label={t('fields.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as IncidentStatus | '')}
          options={[any, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <TextField
          label={t('list.from')}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <TextField
          label={t('list.to')}
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          hint={t('list.periodHint', { zone: group.timezone })}
        />
        <button type="button" className="button button--quiet" onClick={clear}>
          {t('list.clear')}
        </button>
      </fieldset>
      <div className="button-row" role="group" aria-label={t('list.viewLabel')}>
        <button
          type="button"
          className={`button${view === 'list' ? ' button--selected' : ''}`}
          aria-pressed={view === 'list'}
          onClick={() => setView('list')}
        >
          {t('list.asList')}
        </button>
        <button
          type="button"
          className={`button${view === 'map' ? ' button--selected' : ''}`}
          aria-pressed={view === 'map'}
          onClick={() => setView('map')}
        >
          {t('list.asMap')}
        </button>
      </div>
      <QueryState query={incidents}>
        {() => (
          <>
            <p className="muted small" role="status">
              {t('list.count', { count: items.length })}
              {incidents.hasNextPage ? ` ${t('list.more')}` : ''}
            </p>
            {items.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
            {view === 'map' ? (
              <div className="incident-map-view">
                <Suspense fallback={<p className="muted">{t('common:loading')}</p>}>
                  <IncidentMap label={t('list.map')} points={points} />
                </Suspense>
                <p className="muted small">
                  {t('list.mapCaption', { count: points.length })}{' '}
                  {items.length > points.length
                    ? t('list.notOnMap', { count: items.length - points.length })
                    : ''}
                </p>
                <ul aria-label={t('list.onTheMap')} className="incident-map-legend">
                  {items
                    .filter((i) => points.some((p) => p.id === i.id))
                    .map((i) => (
                      <li key={i.id} data-incident-id={i.id}>
                        <span
                          className={`incident-map-key incident-map-dot--${i.severity}`}
                          aria-hidden="true"
                        />
                        <Link
                          to="/groups/$groupId/incidents/$incidentId"
                          params={{ groupId: group.id, incidentId: i.id }}
                        >
                          {i.title}
                        </Link>{' '}
                        <span className="muted small">{t(`severity.${i.severity}`)}</span>
                      </li>
                    ))}
                </ul>
              </div>
            ) : (
              <ul className="card-list" aria-label={t('title')}>
                {items.map((i) => (
                  <IncidentCard key={i.id} incident={i} timezone={group.timezone} />
                ))}
              </ul>
            )}
            {incidents.hasNextPage ? (
              <button
                type="button"
                className="button"
                disabled={incidents.isFetchingNextPage}
                onClick={() => void incidents.fetchNextPage()}
              >
                {t('list.loadMore')}
              </button>
            ) : null}
          </>
        )}
      </QueryState>
    </Section>
  );
}
