import { Injectable, NestMiddleware } from '@nestjs/common';
import { setRequestContext } from '@roundtable/core';
import type { NextFunction, Request, Response } from 'express';

@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const id = (req as { id?: unknown }).id; // set by pino-http's genReqId
    setRequestContext({ requestId: typeof id === 'string' ? id : undefined });
    next();
  }
}
