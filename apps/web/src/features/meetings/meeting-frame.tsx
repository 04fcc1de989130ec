import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Page, QueryState } from '@/components';
import { canManage, useGroup, type Group } from '@/features/groups';
import { formatTimeRange } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import { useMeeting, type Meeting } from './api';

export interface MeetingContext {
  meeting: Meeting;
  group: Group;
  // Focal point or sitting co-chair (the server decides; this only hides what it would refuse).
  manage: boolean;
  locale: string;
}

// A meeting's frame, shared by its details, agenda and minutes: the title as the page heading,
// when and where (in the meeting's zone), and the tabs.
export function MeetingFrame({
  groupId,
  meetingId,
  children,
}: {
  groupId: string;
  meetingId: string;
  children: (ctx: MeetingContext) => ReactNode;
}) {
  const { t, i18n } = useTranslation('meetings');
  const meeting = useMeeting(groupId, meetingId);
  const group = useGroup(groupId);
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  return (
    <QueryState query={group}>
      {(g: Group) => (
        <QueryState query={meeting}>
          {(m: Meeting) => (
            <Page title={m.title}>
              <p className="lead">
                <Link to="/groups/$groupId/meetings" params={{ groupId }}>
                  {t('backTo', { group: g.name })}
                </Link>
              </p>
              <p>
                <time dateTime={m.startsAt}>{formatTimeRange(m.startsAt, m.endsAt, m.timezone, locale)}</time>
                {m.location ? <span className="muted"> · {m.location}</span> : null}{' '}
                <span className={`badge${m.status === 'cancelled' ? ' badge--muted' : ''}`}>
                  {t(`status.${m.status}`)}
                </span>
              </p>
              <nav aria-label={t('tabs.label')} className="tabs">
                <Link
                  to="/groups/$groupId/meetings/$meetingId"
                  params={{ groupId, meetingId }}
                  activeOptions={{ exact: true }}
                >
                  {t('tabs.details')}
                </Link>
                <Link to="/groups/$groupId/meetings/$meetingId/agenda" params={{ groupId, meetingId }}>
                  {t('tabs.agenda')}
                </Link>
                <Link to="/groups/$groupId/meetings/$meetingId/minutes" params={{ groupId, meetingId }}>
                  {t('tabs.minutes')}
                </Link>
              </nav>
              {children({ meeting: m, group: g, manage: canManage(g), locale })}
            </Page>
          )}
        </QueryState>
      )}
    </QueryState>
  );
}
