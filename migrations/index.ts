// Every migration, in order. Listed explicitly so the same set runs from compiled JS, ts and Jest.
import { Foundation1764000000000 } from './1764000000000-Foundation';

export const MIGRATIONS = [Foundation1764000000000];
