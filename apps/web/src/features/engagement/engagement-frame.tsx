import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '@/components';
import './engagement.css';

// The engagement screens of a group: one heading, the way back to the group and the three registers.
export function EngagementFrame({ groupId, children }: { groupId: string; children: ReactNode }) {
  const { t } = useTranslation('engagement');
  return (
    <Page title={t('title')}>
      <nav aria-label={t('tabs.label')} className="tabs">
        <Link to="/groups/$groupId" params={{ groupId }} activeOptions={{ exact: true }}>
          {t('tabs.group')}
        </Link>
        <Link to="/groups/$groupId/engagement/training" params={{ groupId }}>
          {t('tabs.training')}
        </Link>
        <Link to="/groups/$groupId/engagement/equipment" params={{ groupId }}>
          {t('tabs.equipment')}
        </Link>
        <Link to="/groups/$groupId/engagement/contributions" params={{ groupId }}>
          {t('tabs.contributions')}
        </Link>
      </nav>
      {children}
    </Page>
  );
}
