import { useTranslation } from 'react-i18next';
import { Page } from '@/components';
import { InvitationList } from './invitation-list';

export function InvitationsPage() {
  const { t } = useTranslation('invitations');
  return (
    <Page title={t('title')}>
      <InvitationList emptyText={t('none')} />
    </Page>
  );
}
