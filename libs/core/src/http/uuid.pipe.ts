import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundProblem } from '../errors/app-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v);
}

// A path id that is not a UUID names nothing that exists: 404, like any unknown id.
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly what = 'Resource') {}
  transform(value: string): string {
    if (!isUuid(value)) throw new NotFoundProblem(this.what);
    return value.toLowerCase();
  }
}
