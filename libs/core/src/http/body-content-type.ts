import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { UnsupportedMediaTypeProblem } from '../errors/app-errors';

export const JSON_BODY_TYPES = ['application/json', 'application/*+json'];
const BODY_TYPES = 'roundtable:bodyContentTypes';

// Every route takes JSON bodies. A route that takes another kind says so, e.g. an upload:
//   @AcceptsBody('multipart/form-data') @Post(...) upload(...)
// (it then parses that body itself, e.g. with a multer interceptor; express.json() leaves it).
export const AcceptsBody = (...types: string[]): MethodDecorator & ClassDecorator =>
  SetMetadata(BODY_TYPES, types);

function hasBody(req: Request): boolean {
  const length = Number(req.headers['content-length']);
  return req.headers['transfer-encoding'] !== undefined || (Number.isFinite(length) && length > 0);
}

// Global guard: a body of a kind the route does not take is a 415, not a list of field errors
// about the empty object it would otherwise be validated as. Requests without a body pass.
@Injectable()
export class BodyContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!hasBody(req)) return true;
    const accepted =
      this.reflector.getAllAndOverride<string[] | undefined>(BODY_TYPES, [
        ctx.getHandler(),
        ctx.getClass(),
      ]) ?? JSON_BODY_TYPES;
    if (req.is(accepted)) return true;
    const given = req.headers['content-type'];
    throw new UnsupportedMediaTypeProblem(
      `${given ? `A ${given.split(';')[0].trim()} body` : 'A body without a Content-Type'} is not accepted here; send ${accepted.includes('application/json') ? 'JSON (Content-Type: application/json)' : accepted.join(' or ')}`,
    );
  }
}
