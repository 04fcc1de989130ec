import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { FormError, Page } from '@/components';
import { RelativeTime } from '@/i18n/relative-time';
import { useMarkAllRead, useMarkRead, useNotifications } from './api';

// All of the signed-in user's notifications, unread ones marked, with "mark all as read".
export function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = items.filter((n) => !n.readAt).length;
  const error = list.error ?? markRead.error ?? markAll.error;
  return (
    <Page
      title={t('title')}
      actions={
        <button
          type="button"
          className="button"
          disabled={markAll.isPending || unread === 0}
          onClick={() => markAll.mutate()}
        >
          {t('markAllRead')}
        </button>
      }
    >
      <p className="muted" role="status">
        {list.isPending ? t('common:loading') : t('unreadCount', { count: unread })}
      </p>
      <FormError message={error ? describeProblem(error, t).message : null} />
      {!list.isPending && items.length === 0 ? <p className="muted">{t('empty')}</p> : null}
      <ul className="notification-list">
        {items.map((n) => (
          <li key={n.id} className={`notification${n.readAt ? ' notification--read' : ''}`}>
            <div>
              <p className="notification-title">
                {t(`type.${n.type}`, { defaultValue: t('type.other') })}{' '}
                {!n.readAt ? <span className="badge badge--accent">{t('unread')}</span> : null}
              </p>
              <p>{n.title}</p>
              {n.body ? <p className="muted">{n.body}</p> : null}
              <RelativeTime instant={n.createdAt} />
            </div>
            {!n.readAt ? (
              <button
                type="button"
                className="button button--quiet"
                disabled={markRead.isPending}
                onClick={() => markRead.mutate(n.id)}
                aria-label={t('markReadNamed', { title: n.title })}
              >
                {t('markRead')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t('more')}
        </button>
      ) : null}
    </Page>
  );
}
