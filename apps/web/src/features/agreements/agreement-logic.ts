import type { TFunction } from 'i18next';
import type { Agreement } from './api';

// Agreements as the list shows them: each under its parent (a site agreement under its national
// MoU). A parent the caller may not see (parentAgreementId null to them, or not in the list)
// leaves the child at the top level.
export interface AgreementNode {
  agreement: Agreement;
  children: AgreementNode[];
}

export function nestAgreements(items: readonly Agreement[]): AgreementNode[] {
  const nodes = new Map(items.map((a) => [a.id, { agreement: a, children: [] as AgreementNode[] }]));
  const roots: AgreementNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.agreement.parentAgreementId ? nodes.get(node.agreement.parentAgreementId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

// The reminders the worker sends before a review date: 60, 30 and 7 days before, each once.
export const REMINDER_DAYS = [60, 30, 7] as const;

export interface Reminder {
  daysBefore: number;
  on: string; // YYYY-MM-DD
  upcoming: boolean; // not yet due on `today` (the group's date)
}

export function reviewReminders(nextReviewOn: string, today: string): Reminder[] {
  return REMINDER_DAYS.map((daysBefore) => {
    const on = addDays(nextReviewOn, -daysBefore);
    return { daysBefore, on, upcoming: on > today };
  });
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;

// An RFC 5545 rule in words ("Every 3 months, on day 1"), through the catalogue. Anything this
// does not know how to say is shown as the rule itself rather than half-translated.
export function describeRecurrence(rrule: string, t: TFunction, locale: string): string {
  const parts = new Map<string, string>();
  for (const piece of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = piece.split('=');
    if (k && v) parts.set(k.toUpperCase(), v.toUpperCase());
  }
  const freq = parts.get('FREQ') as (typeof FREQS)[number] | undefined;
  const known = new Set(['FREQ', 'INTERVAL', 'BYMONTHDAY', 'BYDAY', 'COUNT', 'UNTIL']);
  if (!freq || !FREQS.includes(freq) || [...parts.keys()].some((k) => !known.has(k))) return rrule;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return rrule;
  const words = [t(`agreements:recurrence.${freq}`, { count: interval })];
  const monthDay = parts.get('BYMONTHDAY');
  if (monthDay) words.push(t('agreements:recurrence.onMonthDay', { day: monthDay }));
  const byDay = parts.get('BYDAY');
  if (byDay) {
    const days = byDay.split(',');
    if (days.some((d) => !WEEKDAYS.includes(d as (typeof WEEKDAYS)[number]))) return rrule;
    const names = days.map((d) => t(`agreements:recurrence.day.${d}`));
    words.push(t('agreements:recurrence.onDays', { days: new Intl.ListFormat(locale).format(names) }));
  }
  const count = parts.get('COUNT');
  if (count) words.push(t('agreements:recurrence.times', { count: Number(count) }));
  const until = parts.get('UNTIL');
  if (until) {
    const m = /^(\d{4})(\d{2})(\d{2})/.exec(until);
    if (!m) return rrule;
    words.push(t('agreements:recurrence.until', { date: `${m[1]}-${m[2]}-${m[3]}` }));
  }
  return words.join(', ');
}
