import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:(Z)|([+-])(\d{2}):(\d{2}))?$/;

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate(); // day 0 of the next month: this month's last day
}

// Why `v` is not an ISO 8601 instant with an offset (or, with allowDate, a calendar date), in
// words that follow the field name; null when it is one. A local date-time without an offset is
// refused rather than read as UTC: the client meant a wall-clock time somewhere.
export function instantError(v: unknown, { allowDate = false } = {}): string | null {
  const expected = allowDate
    ? 'must be a date (YYYY-MM-DD) or an instant with an offset, such as 2027-01-05T08:00:00Z'
    : 'must be an ISO 8601 instant with an offset, such as 2027-01-05T08:00:00Z';
  if (typeof v !== 'string') return expected;
  const date = allowDate ? DATE.exec(v) : null;
  if (date) return realDate(+date[1], +date[2], +date[3]) ? null : 'is not a real date';
  const m = DATE_TIME.exec(v);
  if (!m) return expected;
  if (!realDate(+m[1], +m[2], +m[3])) return 'is not a real date';
  if (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59)) return 'is not a real time of day';
  if (!m[7] && !m[8]) return 'must include a UTC offset (Z or ±hh:mm), such as 2027-01-12T10:00:00+02:00';
  if (m[8] && (+m[9] > 23 || +m[10] > 59)) return 'has an impossible UTC offset';
  return null;
}

export function isInstant(v: unknown, options: { allowDate?: boolean } = {}): v is string {
  return instantError(v, options) === null;
}

// The one decorator for instant fields (bodies and queries): ISO 8601 with `Z` or `±hh:mm`, a
// real calendar date and time of day. `allowDate` also takes a calendar date (range filters).
export function IsInstant(options: ValidationOptions & { allowDate?: boolean } = {}): PropertyDecorator {
  const { allowDate, ...validationOptions } = options;
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate: (v: unknown) => isInstant(v, { allowDate }),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? '$property'} ${instantError(args?.value, { allowDate }) ?? 'is invalid'}`,
      },
    });
}
