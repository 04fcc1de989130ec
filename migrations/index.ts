// Every migration, in order. Listed explicitly so the same set runs from compiled JS, ts and Jest.
// Append new migrations (one line each, ordered by epoch); never reorder applied ones.
import { Foundation1764000000000 } from './1764000000000-Foundation';
import { CoreSchema1764000000001 } from './1764000000001-CoreSchema';
import { IncidentUpdates1764000003000 } from './1764000003000-IncidentUpdates';
import { AgendasAndMinutes1764000005000 } from './1764000005000-AgendasAndMinutes';

export const MIGRATIONS = [
  Foundation1764000000000,
  CoreSchema1764000000001,
  IncidentUpdates1764000003000,
  AgendasAndMinutes1764000005000,
];
