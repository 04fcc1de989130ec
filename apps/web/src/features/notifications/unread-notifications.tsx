import { useTranslation } from 'react-i18next';
import { type Schemas } from '@/api';
import { QueryState } from '@/components';
import { RelativeTime } from '@/i18n/relative-time';
import { useMarkRead, useUnreadNotifications } from './api';

// The signed-in user's unread notifications, newest first, each with "mark as read".
export function UnreadNotifications() {
  const { t } = useTranslation('notifications');
  const unread = useUnreadNotifications();
  const markRead = useMarkRead();
  return (
    <QueryState query={unread}>
      {(page: Schemas['NotificationPageDto']) =>
        page.items.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <ul className="notification-list">
            {page.items.map((n) => (
              <li key={n.id} className="notification">
                <div>
                  <p className="notification-title">
                    {t(`type.${n.type}`, { defaultValue: t('type.other') })}
                  </p>
                  <p>{n.title}</p>
                  {n.body ? <p className="muted">{n.body}</p> : null}
                  <RelativeTime instant={n.createdAt} />
                </div>
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={markRead.isPending}
                  onClick={() => markRead.mutate(n.id)}
                  aria-label={t('markReadNamed', { title: n.title })}
                >
                  {t('markRead')}
                </button>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
