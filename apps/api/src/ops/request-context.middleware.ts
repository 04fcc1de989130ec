import { Injectable, NestMiddleware } from '@nestjs/common';
import { requestContext } from '@roundtable/core';
import type { NextFunction, Request, Response } from 'express';

@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    requestContext.run({ requestId: String((req as { id?: unknown }).id ?? ''), ip: req.ip }, next);
  }
}
