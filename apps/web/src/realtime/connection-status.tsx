import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '@/app/services';
import type { ConnectionState } from './realtime';

export { OFFLINE_NOTICE_DELAY_MS } from './realtime';

export function useConnectionState(): ConnectionState {
  const { realtime } = useServices();
  return useSyncExternalStore(realtime.subscribe, () => realtime.connectionState);
}

// True once the connection has been down for OFFLINE_NOTICE_DELAY_MS (decided in the data layer).
export function useOffline(): boolean {
  const { realtime } = useServices();
  return useSyncExternalStore(realtime.subscribe, () => realtime.offline);
}

export function ConnectionBanner() {
  const { t } = useTranslation();
  const offline = useOffline();
  return (
    <div role="status" aria-live="polite" className="connection-banner-slot">
      {offline ? <p className="connection-banner">{t('realtime.offline')}</p> : null}
    </div>
  );
}

// The small live/offline mark (home screen, header): the same delay, so it never flickers.
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const offline = useOffline();
  const label =
    state === 'connected'
      ? t('realtime.live')
      : offline
        ? t('realtime.offlineShort')
        : t('realtime.connecting');
  const tone = state === 'connected' ? 'live' : offline ? 'offline' : 'connecting';
  return (
    <span className={`connection-indicator connection-indicator--${tone}`} data-state={tone}>
      <span aria-hidden="true" className="connection-dot" />
      {label}
    </span>
  );
}
