import { minimumTopics, TrainingCatalogueEdition } from './training-topics.catalogue';

export interface CoverageForce {
  siteId: string;
  headcount: number;
  asOf: string; // YYYY-MM-DD: the last rotation of the contingent
  nextRotationOn: string | null;
}

export interface CoverageSession {
  heldOn: string; // YYYY-MM-DD
  topics: string[];
  total: number;
  women: number;
}

export interface TrainingCoverage {
  // The latest rotation of the agency's contingents at the programme's sites; sessions before it
  // trained forces that may have left.
  lastRotationOn: string | null;
  headcount: number | null;
  trainedSinceRotation: number;
  womenSinceRotation: number;
  // trainedSinceRotation ÷ headcount (4 decimals), null without an assigned headcount. Not capped:
  // above 1 means more trainees than assigned officers (repeat training or visiting units).
  ratio: number | null;
  minimumTopics: string[];
  topicsCovered: string[];
  topicsMissing: string[];
}

// Coverage of a programme: who among the forces assigned now has been trained, and which of the
// edition's minimum topics the sessions since the last rotation covered.
export function trainingCoverage(
  edition: TrainingCatalogueEdition,
  forces: CoverageForce[],
  sessions: CoverageSession[],
): TrainingCoverage {
  const lastRotationOn = forces.reduce<string | null>(
    (latest, f) => (latest === null || f.asOf > latest ? f.asOf : latest),
    null,
  );
  const headcount = forces.length ? forces.reduce((n, f) => n + f.headcount, 0) : null;
  const since = sessions.filter((s) => lastRotationOn === null || s.heldOn >= lastRotationOn);
  const trained = since.reduce((n, s) => n + s.total, 0);
  const women = since.reduce((n, s) => n + s.women, 0);
  const minimum = minimumTopics(edition);
  const taught = new Set(since.flatMap((s) => s.topics));
  return {
    lastRotationOn,
    headcount,
    trainedSinceRotation: trained,
    womenSinceRotation: women,
    ratio: headcount ? Math.round((trained / headcount) * 10_000) / 10_000 : null,
    minimumTopics: minimum,
    topicsCovered: minimum.filter((k) => taught.has(k)),
    topicsMissing: minimum.filter((k) => !taught.has(k)),
  };
}
