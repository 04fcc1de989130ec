// Every migration, in order. Listed explicitly so the same set runs from compiled JS, ts and Jest.
// Add a new migration here (and only append: never reorder).
import { Foundation1764000000000 } from './1764000000000-Foundation';
import { CoreSchema1764000000001 } from './1764000000001-CoreSchema';
import { NotificationEmailDelivery1764000006000 } from './1764000006000-NotificationEmailDelivery';
import { NotificationPush1764000006001 } from './1764000006001-NotificationPush';

export const MIGRATIONS = [
  Foundation1764000000000,
  CoreSchema1764000000001,
  NotificationEmailDelivery1764000006000,
  NotificationPush1764000006001,
];
