import { Temporal } from '@js-temporal/polyfill';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';

// Area/Location names (and UTC), in any letter case; not offsets ("+02:00") or abbreviations.
const ZONE_NAME = /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/i;

const EPOCH = Temporal.Instant.fromEpochMilliseconds(0);

// The canonical spelling of an IANA time zone name ("africa/lubumbashi" → "Africa/Lubumbashi",
// "africa/dar_es_salaam" → "Africa/Dar_es_Salaam"), or null when it names no zone. Temporal
// normalises the letter case only and keeps the zone the client named (Asia/Kolkata stays
// Asia/Kolkata); Intl's resolvedOptions() would swap in ICU's legacy names (Asia/Calcutta).
export function canonicalTimeZone(tz: unknown): string | null {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64 || !ZONE_NAME.test(tz)) return null;
  try {
    return EPOCH.toZonedDateTimeISO(tz).timeZoneId;
  } catch {
    return null;
  }
}

export function isIanaTimeZone(tz: unknown): boolean {
  return canonicalTimeZone(tz) !== null;
}

// Validates an IANA zone name, matched case-insensitively, and stores it canonical: the
// transform runs before validation, so services only ever see the canonical name.
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Transform(({ value }: { value: unknown }) => canonicalTimeZone(value) ?? value)(target, propertyName);
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as Africa/Lubumbashi', ...options },
      validator: { validate: (v: unknown) => isIanaTimeZone(v) },
    });
  };
}
