export const SITE_KINDS = [
  'mine',
  'concession',
  'processing_plant',
  'pipeline',
  'port',
  'office',
  'other',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
