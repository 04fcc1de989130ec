// BullMQ queue and job names. Processors are registered only in apps/worker.
export enum QueueName {
  Meetings = 'meetings',
  Reminders = 'reminders',
  Recommendations = 'recommendations',
  Outbox = 'outbox',
  Email = 'email',
  Agreements = 'agreements',
}
