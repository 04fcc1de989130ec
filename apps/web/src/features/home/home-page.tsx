import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type Schemas } from '@/api';
import { Page, QueryState, Section } from '@/components';
import { useMyGroups } from '@/features/groups';
import { InvitationList } from '@/features/invitations';
import { NextMeeting } from '@/features/meetings';
import { UnreadNotifications } from '@/features/notifications';
import { ConnectionIndicator } from '@/realtime/connection-status';

// Home: pending invitations, my groups with their next meeting (and RSVP), unread notifications.
export function HomePage() {
  const { t } = useTranslation('home');
  const groups = useMyGroups();
  return (
    <Page title={t('title')} actions={<ConnectionIndicator />}>
      <InvitationList />
      <div className="home-grid">
        <Section
          title={t('groups')}
          id="home-groups"
          actions={
            <span className="button-row">
              <Link to="/groups/new" search={{}} className="button button--primary">
                {t('newGroup')}
              </Link>
              <Link to="/organisations/new" search={{}} className="button">
                {t('newOrganisation')}
              </Link>
            </span>
          }
        >
          <QueryState query={groups}>
            {(page: Schemas['GroupPageDto']) =>
              page.items.length === 0 ? (
                <p className="muted">{t('noGroups')}</p>
              ) : (
                <ul className="card-list">
                  {page.items.map((g) => (
                    <li key={g.id} className="card group-card">
                      <h3>
                        <Link to="/groups/$groupId" params={{ groupId: g.id }}>
                          {g.name}
                        </Link>
                      </h3>
                      <p className="muted small">
                        {t('groupMeta', {
                          role: g.myRole ? t(`common:role.${g.myRole}`) : '',
                          timezone: g.timezone,
                        })}
                      </p>
                      <NextMeeting groupId={g.id} groupName={g.name} />
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </Section>
        <Section title={t('notifications')} id="home-notifications">
          <UnreadNotifications />
        </Section>
      </div>
    </Page>
  );
}
