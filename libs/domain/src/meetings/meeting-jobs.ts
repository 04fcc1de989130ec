// BullMQ job names and payloads of meetings (queues QueueName.Meetings and QueueName.Reminders).
export const MeetingJob = {
  // Materialise one series' occurrences up to its horizon.
  Materialise: 'materialise-series',
  // Scheduler tick: fan out one Materialise job per active series.
  MaterialiseAll: 'materialise-all',
  // Scheduler tick: send the reminders that are due.
  SendDueReminders: 'send-due-reminders',
} as const;

export interface MaterialiseJobData {
  seriesId: string;
}

export const MATERIALISE_SCHEDULER_ID = 'meetings:materialise-all';
export const REMINDER_SCHEDULER_ID = 'meetings:send-due-reminders';

// Duplicates collapse: one job per series version (BullMQ ignores an add with a known jobId
// while that job is kept). The scheduler's fan-out uses the tick time instead.
export function materialiseJobId(seriesId: string, version: number | string): string {
  return `materialise_${seriesId}_v${version}`;
}
