import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, AccessTokenClaims, AuthUser } from './auth-user';
import { SessionRevocations } from './session-revocations';

// Tokens already verified, by their full text (signature included, so a forged or altered token
// never matches one): a client sends the same token on every request for its lifetime, and
// checking it again (base64 and JSON decoding, claim checks, HMAC) was about 4 % of a request's
// CPU. Expiry and revocation are still checked on every use; failures are not remembered.
export const VERIFIED_TOKEN_CACHE_SIZE = 5_000;

interface VerifiedToken {
  user: AuthUser;
  expiresAtMs: number;
}

@Injectable()
export class AccessTokenService {
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly jwt: JwtService,
    private readonly revocations: SessionRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  // `expiresInSeconds` only for tests that need a short-lived token.
  sign(user: AuthUser, expiresInSeconds = this.config.accessTokenTtlSeconds): string {
    const claims: AccessTokenClaims = { sub: user.id, email: user.email, sid: user.sid, typ: 'access' };
    return this.jwt.sign(claims, {
      expiresIn: expiresInSeconds,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
  }

  // Returns the user for a valid, unexpired access token of a session that has not ended, or
  // null. No I/O: the revocation check is an in-process lookup (session-revocations.ts).
  verify(token: string | undefined | null, now = Date.now()): AuthUser | null {
    if (!token) return null;
    let hit = this.verified.get(token);
    if (hit && now >= hit.expiresAtMs) {
      this.verified.delete(token);
      hit = undefined;
    }
    hit ??= this.verifyAndRemember(token, now);
    if (!hit || this.revocations.isRevoked(hit.user.sid)) return null;
    return { ...hit.user };
  }

  private verifyAndRemember(token: string, now: number): VerifiedToken | undefined {
    try {
      const claims = this.jwt.verify<AccessTokenClaims & { exp: number }>(token, {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        clockTimestamp: Math.floor(now / 1000),
      });
      if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string')
        return undefined;
      const verified = {
        user: { id: claims.sub, email: claims.email, sid: claims.sid },
        // jsonwebtoken refuses a token once the current second reaches `exp`.
        expiresAtMs: claims.exp * 1000,
      };
      // Oldest first out (a Map keeps insertion order).
      if (this.verified.size >= VERIFIED_TOKEN_CACHE_SIZE)
        this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, verified);
      return verified;
    } catch {
      return undefined;
    }
  }
}
