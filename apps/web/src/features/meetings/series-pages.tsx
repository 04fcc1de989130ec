import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Page, QueryState } from '@/components';
import { useGroup, type Group } from '@/features/groups';
import { useSeries, type Series } from './api';
import { SeriesForm } from './series-form';

export function NewSeriesPage() {
  const { t } = useTranslation('meetings');
  const { groupId } = useParams({ from: '/app/groups/$groupId/series/new' });
  const group = useGroup(groupId);
  return (
    <QueryState query={group}>
      {(g: Group) => (
        <Page title={t('series.newPageTitle', { group: g.name })}>
          <SeriesForm groupId={groupId} groupZone={g.timezone} />
        </Page>
      )}
    </QueryState>
  );
}

export function EditSeriesPage() {
  const { groupId, seriesId } = useParams({ from: '/app/groups/$groupId/series/$seriesId' });
  const group = useGroup(groupId);
  const series = useSeries(groupId, seriesId);
  return (
    <QueryState query={group}>
      {(g: Group) => (
        <QueryState query={series}>
          {(s: Series) => (
            <Page title={s.title}>
              <SeriesForm key={s.version} groupId={groupId} groupZone={g.timezone} series={s} />
            </Page>
          )}
        </QueryState>
      )}
    </QueryState>
  );
}
