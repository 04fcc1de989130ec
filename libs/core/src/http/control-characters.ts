import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { BadRequestProblem } from '../errors/app-errors';
import { FieldError } from '../errors/problem';

// C0 control characters other than tab, LF and CR, and UTF-16 surrogates without their pair.
// Postgres cannot store NUL in text and refuses \u0000 and lone surrogate escapes in jsonb, so
// letting them through turns a typo into a 500; none of them belongs in anything a person writes.
const DISALLOWED =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// The code unit of the first disallowed character of `s`, or null when there is none.
export function disallowedCharacter(s: string): number | null {
  const m = DISALLOWED.exec(s);
  return m ? m[0].charCodeAt(0) : null;
}

function describe(field: string, code: number): string {
  const what = code >= 0xd800 ? 'an unpaired surrogate' : 'a control character';
  return `${field} must not contain ${what} (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

// Field names as the validation errors spell them (`location.name`, `keyIssues.2`); a key that is
// itself unprintable is shown JSON-escaped.
function join(parent: string, key: string): string {
  const k = disallowedCharacter(key) !== null ? JSON.stringify(key).slice(1, -1) : key;
  return parent ? `${parent}.${k}` : k;
}

// Every string in a parsed JSON value, query object or path parameter — object keys included,
// at any depth. Iterative, so a deeply nested body cannot overflow the stack.
export function disallowedCharacterErrors(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && errors.length < 20) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const found = disallowedCharacter(v);
      if (found !== null) errors.push({ field: path || 'body', message: describe(path || 'body', found) });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, String(i))]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v).reverse()) {
        const field = join(path, k);
        const found = disallowedCharacter(k);
        if (found !== null) errors.push({ field, message: describe('a field name', found) });
        stack.push([child, field]);
      }
    }
  }
  return errors;
}

// Global pipe, ahead of validation: bodies, query strings and path parameters of every route,
// signed in or not. Header values never get this far: Node's HTTP parser refuses control
// characters in headers and configureApp answers those requests with a 400 problem.
@Injectable()
export class RejectControlCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value; // @CurrentUser() and the like: not client input
    const errors = disallowedCharacterErrors(value, metadata.data ?? '');
    if (errors.length)
      throw new BadRequestProblem(
        errors.length === 1 ? errors[0].message : 'The request holds disallowed control characters',
        errors,
      );
    return value;
  }
}
