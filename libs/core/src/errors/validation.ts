import { ValidationError } from 'class-validator';
import { BadRequestProblem } from './app-errors';
import { FieldError } from './problem';

// One message per field: the first rule that failed, in plain words. class-validator reports
// every failed rule (`{"title": null}` fails isString, isNotEmpty and maxLength at once) in the
// order the decorators were applied, which is bottom-up; so we rank the rules instead:
//   1. an unknown field;
//   2. a missing value (undefined or null on a field that is not optional) → "x is required",
//      or the `context: { required: '…' }` a rule carries ("lng is required when lat is given");
//   3. the kind of value (text, whole number, list, one of, UUID, instant…);
//   4. emptiness; 5. everything else (ranges, lengths, sizes, custom rules).
// Within a rank the rule written first in the DTO wins.
const KIND_RULES = new Set([
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isIn',
  'isEnum',
  'isUuid',
  'isEmail',
  'isUrl',
  'isIso8601',
  'isInstant',
  'isIanaTimeZone',
  'isDateString',
  'matches',
  'nestedValidation',
]);
const EMPTINESS_RULES = new Set(['isNotEmpty', 'arrayNotEmpty', 'isDefined']);

function rank(rule: string): number {
  if (KIND_RULES.has(rule)) return 0;
  if (EMPTINESS_RULES.has(rule)) return 1;
  return 2;
}

// class-validator's default messages, said plainly. Messages a DTO wrote itself are kept.
const PLAIN: [RegExp, string][] = [
  [/ must be an integer number$/, ' must be a whole number'],
  [/ must be a number conforming to the specified constraints$/, ' must be a number'],
  [/ must be a boolean value$/, ' must be true or false'],
  [/ must be a string$/, ' must be text'],
  [/ must be an array$/, ' must be a list'],
  [/ should not be empty$/, ' must not be empty'],
  [/ must be one of the following values: (.*)$/, ' must be one of: $1'],
  [/ must not be less than (\S+)$/, ' must be at least $1'],
  [/ must not be greater than (\S+)$/, ' must be at most $1'],
  [/ must be shorter than or equal to (\d+) characters$/, ' must be at most $1 characters long'],
  [/ must be longer than or equal to (\d+) characters$/, ' must be at least $1 characters long'],
  [/ must contain no more than (\d+) elements$/, ' must hold at most $1 entries'],
  [/ must contain at least (\d+) elements$/, ' must hold at least $1 entries'],
  [/ should not be null or undefined$/, ' is required'],
];

export function plainMessage(message: string): string {
  for (const [pattern, replacement] of PLAIN)
    if (pattern.test(message)) return message.replace(pattern, replacement);
  return message;
}

function firstMessage(e: ValidationError, field: string): string | null {
  const constraints = e.constraints ?? {};
  const rules = Object.keys(constraints);
  if (rules.length === 0) return null;
  if ('whitelistValidation' in constraints) return 'unknown field';
  if (e.value === undefined || e.value === null) {
    for (const rule of rules) {
      const required = (e.contexts?.[rule] as { required?: unknown } | undefined)?.required;
      if (typeof required === 'string') return required;
    }
    return `${field} is required`;
  }
  // Decorators apply bottom-up, so the rule written first comes last: walk the list backwards.
  const ordered = rules.reverse().sort((a, b) => rank(a) - rank(b));
  return plainMessage(constraints[ordered[0]]);
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const message = firstMessage(e, field);
    if (message) out.push({ field, message });
    // The children of a value that is itself wrong (missing, not an object) add nothing.
    else if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationProblem(errors: ValidationError[]): BadRequestProblem {
  const list = flattenValidationErrors(errors);
  const [only] = list;
  const detail =
    list.length !== 1
      ? 'The request is invalid'
      : only.message.startsWith(only.field)
        ? only.message
        : `${only.field}: ${only.message}`;
  return new BadRequestProblem(detail, list);
}
