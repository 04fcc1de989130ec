import { registerDecorator, ValidationOptions } from 'class-validator';

let zones: Set<string> | undefined;

export function isIanaTimeZone(tz: unknown): boolean {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  if (zones.has(tz)) return true;
  try {
    // Accepts canonical aliases (e.g. Africa/Lumbumbashi's links) that supportedValuesOf omits.
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(tz);
  } catch {
    return false;
  }
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as Africa/Lubumbashi', ...options },
      validator: { validate: (v: unknown) => isIanaTimeZone(v) },
    });
}
