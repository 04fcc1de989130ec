import { Temporal } from '@js-temporal/polyfill';
import type { FieldError } from '@roundtable/core';
import { localDate, nextOccurrences, recurrenceErrors, RecurrenceSpec } from '../meetings/recurrence';

// Due dates of a recurring obligation ("a joint review every quarter"): the occurrences of its
// RRULE as calendar dates in the group's time zone, from its first due date (or its creation day).
// The platform's recurrence engine does the expansion; occurrences are taken at midday local time
// so a DST change never moves one to another date.
const MIDDAY = '12:00';

function spec(rrule: string, startDate: string, timezone: string): RecurrenceSpec {
  return { rrule, startDate, startTime: MIDDAY, timezone };
}

// Field errors of a rule for an obligation starting on `startDate` (rrule, as for meeting series).
export function obligationRuleErrors(rrule: string, startDate: string, timezone: string): FieldError[] {
  return recurrenceErrors(spec(rrule, startDate, timezone)).map((e) =>
    e.field === 'startDate' ? { field: 'dueDate', message: e.message } : e,
  );
}

function startOfDay(date: string, timezone: string): Date {
  const zoned = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: timezone });
  return new Date(zoned.epochMilliseconds);
}

// The first due date on or after `onOrAfter` (a calendar date), or null when the rule has ended.
export function dueOnOrAfter(
  rrule: string,
  startDate: string,
  timezone: string,
  onOrAfter: string,
): string | null {
  const from = startOfDay(onOrAfter < startDate ? startDate : onOrAfter, timezone);
  const [next] = nextOccurrences(spec(rrule, startDate, timezone), from, 1);
  return next ? localDate(next, timezone) : null;
}

// The due date after `fulfilled` (the one just met), or null when the rule has ended.
export function dueAfter(
  rrule: string,
  startDate: string,
  timezone: string,
  fulfilled: string,
): string | null {
  const dayAfter = Temporal.PlainDate.from(fulfilled).add({ days: 1 }).toString();
  return dueOnOrAfter(rrule, startDate, timezone, dayAfter);
}
