import { Link, Outlet, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Schemas } from '@/api';
import { Page, QueryState } from '@/components';
import { canManage, useGroup } from './api';

// A group's frame: its name as the page heading and the tabs of its screens (links, so each
// screen has its own address).
export function GroupLayout() {
  const { t } = useTranslation('groups');
  const { groupId } = useParams({ from: '/app/groups/$groupId' });
  const group = useGroup(groupId);
  return (
    <QueryState query={group}>
      {(g: Schemas['GroupDto']) => {
        const manage = canManage(g);
        return (
          <Page title={g.name}>
            <nav aria-label={t('tabs.label')} className="tabs">
              <Link to="/groups/$groupId" params={{ groupId }} activeOptions={{ exact: true }}>
                {t('tabs.overview')}
              </Link>
              <Link to="/groups/$groupId/members" params={{ groupId }}>
                {t('tabs.members')}
              </Link>
              <Link to="/groups/$groupId/co-chairs" params={{ groupId }}>
                {t('tabs.coChairs')}
              </Link>
              <Link to="/groups/$groupId/stakeholder-map" params={{ groupId }}>
                {t('tabs.stakeholderMap')}
              </Link>
              <Link to="/groups/$groupId/meetings" params={{ groupId }}>
                {t('tabs.meetings')}
              </Link>
              <Link to="/groups/$groupId/incidents" params={{ groupId }}>
                {t('tabs.incidents')}
              </Link>
              <Link to="/groups/$groupId/recommendations" params={{ groupId }}>
                {t('tabs.recommendations')}
              </Link>
              <Link to="/groups/$groupId/engagement/training" params={{ groupId }}>
                {t('tabs.engagement')}
              </Link>
              <Link to="/groups/$groupId/agreements" params={{ groupId }}>
                {t('tabs.agreements')}
              </Link>
              <Link to="/groups/$groupId/documents" params={{ groupId }}>
                {t('tabs.documents')}
              </Link>
              {manage ? (
                <Link to="/groups/$groupId/dashboard" params={{ groupId }}>
                  {t('tabs.dashboard')}
                </Link>
              ) : null}
              {manage ? (
                <Link to="/groups/$groupId/audit" params={{ groupId }}>
                  {t('tabs.audit')}
                </Link>
              ) : null}
            </nav>
            <Outlet />
          </Page>
        );
      }}
    </QueryState>
  );
}
