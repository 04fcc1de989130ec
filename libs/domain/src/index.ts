export * from './domain.module';
export * from './domain-core.module';
export * from './access/group-access.policy';
export * from './events/change-recorder';
export * from './events/events.service';
export * from './notifications/notifications.service';
export * from './recommendations/recommendation-overdue.job';
