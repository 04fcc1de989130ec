import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '@/app/services';
import type { ConnectionState } from './realtime';

// A drop shorter than this is not shown: sockets reconnect within a second or two.
export const OFFLINE_NOTICE_DELAY_MS = 3000;

export function useConnectionState(): ConnectionState {
  const { realtime } = useServices();
  return useSyncExternalStore(realtime.subscribe, () => realtime.connectionState);
}

// True once the connection has been down for `delayMs` without coming back.
export function useOffline(delayMs = OFFLINE_NOTICE_DELAY_MS): boolean {
  const state = useConnectionState();
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    if (state === 'connected') {
      setOffline(false);
      return;
    }
    const timer = setTimeout(() => setOffline(true), delayMs);
    return () => clearTimeout(timer);
  }, [state, delayMs]);
  return offline && state !== 'connected';
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
  const label = state === 'connected' ? t('realtime.live') : offline ? t('realtime.offlineShort') : t('realtime.connecting');
  const tone = state === 'connected' ? 'live' : offline ? 'offline' : 'connecting';
  return (
    <span className={`connection-indicator connection-indicator--${tone}`} data-state={tone}>
      <span aria-hidden="true" className="connection-dot" />
      {label}
    </span>
  );
}
