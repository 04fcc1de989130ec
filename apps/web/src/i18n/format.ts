// The one place dates and times become text: always in an explicit IANA zone (the meeting's or
// the group's, never the device's) and the reader's locale, with the zone named.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

export interface InstantFormat {
  // Leave out the time of day.
  dateOnly?: boolean;
  // Leave out " (Zone/Name)", e.g. in a column headed by the zone.
  hideZone?: boolean;
}

// "Tue, 5 Jan 2027, 10:00 (Africa/Lubumbashi)" for 2027-01-05T08:00:00Z in en-GB.
export function formatInstant(
  instant: string | Date,
  timeZone: string,
  locale: string,
  { dateOnly = false, hideZone = false }: InstantFormat = {},
): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  const text = formatter(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  }).format(date);
  return hideZone ? text : `${text} (${timeZone})`;
}

// A calendar date (YYYY-MM-DD) has no zone: it is the same day everywhere.
export function formatCalendarDate(date: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  const utcNoon = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return formatter(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    utcNoon,
  );
}

// Today's date (YYYY-MM-DD) in a zone, e.g. to prefill a form in the group's zone.
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

// A meeting's span, "Tue, 5 Jan 2027, 10:00–12:00 (Africa/Lubumbashi)", or both ends in full
// when it ends on another day in that zone.
export function formatTimeRange(
  start: string | Date,
  end: string | Date,
  timeZone: string,
  locale: string,
): string {
  const from = typeof start === 'string' ? new Date(start) : start;
  const to = typeof end === 'string' ? new Date(end) : end;
  if (Number.isNaN(to.getTime())) throw new RangeError(`Not an instant: ${String(end)}`);
  const sameDay = todayIn(timeZone, from) === todayIn(timeZone, to);
  if (!sameDay) {
    return `${formatInstant(from, timeZone, locale, { hideZone: true })} – ${formatInstant(to, timeZone, locale)}`;
  }
  const endTime = formatter(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(to);
  return `${formatInstant(from, timeZone, locale, { hideZone: true })}–${endTime} (${timeZone})`;
}

// The zone's offset from UTC (ms) at an instant.
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = formatter('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

// A wall-clock time in a zone ("2027-01-05T10:00", as a datetime-local input gives it) as an
// instant: what a person typed in the group's zone, whatever the device's zone is.
export function instantFromZoned(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(local);
  if (!match) throw new RangeError(`Not a local date-time: ${local}`);
  const [, y, mo, d, h = '0', mi = '0'] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  // Two passes settle the offset across a daylight-saving change.
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

// The wall-clock time of an instant in a zone, as a datetime-local input takes it.
export function zonedLocalInput(instant: Date, timeZone: string): string {
  const wall = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return wall.toISOString().slice(0, 16);
}
