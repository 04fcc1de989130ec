import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { UnauthorizedProblem } from '../errors/app-errors';
import { AccessTokenService } from './access-token.service';
import { AuthUser } from './auth-user';
import { IS_PUBLIC } from './public.decorator';

export function bearerToken(req: Pick<Request, 'headers'>): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const [scheme, token] = h.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

// Global guard: every route needs a valid access token unless marked @Public().
// On public routes a valid token still identifies the caller (for rate limiting by user).
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    const user = this.tokens.verify(bearerToken(req));
    if (user) req.user = user;
    if (isPublic) return true;
    if (!user) throw new UnauthorizedProblem();
    return true;
  }
}
