// Every migration, in order. Listed explicitly so the same set runs from compiled JS, ts and Jest.
// Add a new migration here (and only append: never reorder).
import { Foundation1764000000000 } from './1764000000000-Foundation';
import { CoreSchema1764000000001 } from './1764000000001-CoreSchema';
import { CoChairRules1764000001000 } from './1764000001000-CoChairRules';
import { RecommendationFollowUp1764000004000 } from './1764000004000-RecommendationFollowUp';

export const MIGRATIONS = [
  Foundation1764000000000,
  CoreSchema1764000000001,
  CoChairRules1764000001000,
  RecommendationFollowUp1764000004000,
];
