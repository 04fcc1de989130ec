import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessTokenClaims, AuthUser } from './auth-user';

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  sign(user: AuthUser): string {
    const claims: AccessTokenClaims = { sub: user.id, email: user.email, typ: 'access' };
    return this.jwt.sign(claims, { expiresIn: this.config.accessTokenTtlSeconds });
  }

  // Returns the user for a valid, unexpired access token, or null.
  verify(token: string | undefined | null): AuthUser | null {
    if (!token) return null;
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      if (claims.typ !== 'access' || typeof claims.sub !== 'string') return null;
      return { id: claims.sub, email: claims.email };
    } catch {
      return null;
    }
  }
}
