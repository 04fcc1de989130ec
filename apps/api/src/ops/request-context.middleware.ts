import { Injectable, NestMiddleware } from '@nestjs/common';
import { requestContext } from '@roundtable/core';
import type { NextFunction, Request, Response } from 'express';

@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const id = (req as { id?: unknown }).id; // set by pino-http's genReqId
    requestContext.run({ requestId: typeof id === 'string' ? id : undefined, ip: req.ip }, next);
  }
}
