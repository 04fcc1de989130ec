// The signed-in session. The access token lives only in this page's memory. The refresh token is
// kept in localStorage so a reload or a second tab stays signed in; it is a credential, never
// content (nothing about incidents or any group is stored on the device). Refresh tokens rotate on
// every use and presenting a used one revokes the whole family, so refreshes are serialised: one
// in flight per tab, and across tabs through the Web Locks API, re-reading the stored token once
// the lock is held (another tab may have rotated it meanwhile).

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

// What the refresh endpoint said: new tokens, or that the token is no longer valid.
export type RefreshOutcome = Tokens | 'rejected';

export type SessionStatus = 'signed-in' | 'signed-out';

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface SessionOptions {
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  refresh: (refreshToken: string) => Promise<RefreshOutcome>;
  locks?: LockManagerLike;
  now?: () => number;
}

export const REFRESH_TOKEN_KEY = 'roundtable.refreshToken';
const LOCK_NAME = 'roundtable.refresh';
// Refresh a little before expiry so a request never leaves with a token about to lapse.
const EXPIRY_MARGIN_MS = 30_000;

export class Session {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private usedRefreshToken: string | null = null;
  private inFlight: Promise<string | null> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
  }

  get status(): SessionStatus {
    return this.accessToken || this.storedRefreshToken() ? 'signed-in' : 'signed-out';
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  // The current access token if it is still good for a while.
  currentAccessToken(): string | null {
    return this.accessToken && this.now() < this.expiresAt - EXPIRY_MARGIN_MS ? this.accessToken : null;
  }

  // A usable access token: the current one, or a refreshed one; null when signed out.
  async accessTokenOrRefresh(): Promise<string | null> {
    return this.currentAccessToken() ?? (this.storedRefreshToken() ? this.refresh() : null);
  }

  signIn(tokens: Tokens): void {
    this.apply(tokens);
  }

  // Forget the session on this device (the caller tells the server with POST /auth/logout).
  signOut(): void {
    const wasSignedIn = this.status === 'signed-in';
    this.accessToken = null;
    this.expiresAt = 0;
    this.usedRefreshToken = null;
    try {
      this.options.storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // storage unavailable: nothing was stored
    }
    if (wasSignedIn) this.emit();
  }

  // Another tab signed out (the stored token was removed): so does this one.
  storageChanged(key: string | null, newValue: string | null): void {
    if ((key === REFRESH_TOKEN_KEY || key === null) && newValue === null && this.accessToken) {
      this.accessToken = null;
      this.expiresAt = 0;
      this.emit();
    }
  }

  refreshToken(): string | null {
    return this.storedRefreshToken();
  }

  // One refresh at a time; every caller waiting meanwhile gets its result. `rejectedToken` is the
  // access token the server just refused: if a newer one exists already, that one is returned.
  refresh(rejectedToken?: string | null): Promise<string | null> {
    if (this.inFlight) return this.inFlight;
    const run = async (): Promise<string | null> => {
      if (this.accessToken && rejectedToken !== undefined && this.accessToken !== rejectedToken) {
        return this.accessToken;
      }
      const stored = this.storedRefreshToken();
      if (!stored) {
        this.signOut();
        return null;
      }
      // Another tab rotated the token while this one waited for the lock: its access token is in
      // that tab's memory only, so rotate once more with the new refresh token.
      const outcome = await this.options.refresh(stored);
      if (outcome === 'rejected') {
        this.signOut();
        return null;
      }
      this.apply(outcome);
      return outcome.accessToken;
    };
    const locks = this.options.locks;
    this.inFlight = (locks ? locks.request(LOCK_NAME, run) : run()).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private apply(tokens: Tokens): void {
    const wasSignedIn = this.status === 'signed-in';
    this.accessToken = tokens.accessToken;
    this.expiresAt = this.now() + tokens.expiresIn * 1000;
    this.usedRefreshToken = tokens.refreshToken;
    try {
      this.options.storage?.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    } catch {
      // storage unavailable: the session lasts for this page only
    }
    if (!wasSignedIn) this.emit();
  }

  private storedRefreshToken(): string | null {
    if (!this.options.storage) return this.usedRefreshToken;
    try {
      return this.options.storage.getItem(REFRESH_TOKEN_KEY);
    } catch {
      return this.usedRefreshToken;
    }
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
