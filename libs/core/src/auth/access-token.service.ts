import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, AccessTokenClaims, AuthUser } from './auth-user';
import { SessionRevocations } from './session-revocations';

@Injectable()
export class AccessTokenService {
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
  verify(token: string | undefined | null): AuthUser | null {
    if (!token) return null;
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      });
      if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string')
        return null;
      if (this.revocations.isRevoked(claims.sid)) return null;
      return { id: claims.sub, email: claims.email, sid: claims.sid };
    } catch {
      return null;
    }
  }
}
