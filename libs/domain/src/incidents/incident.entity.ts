// Enums of DESIGN.md "Incident updates"; the tables are raw SQL (migrations), read with
// raw queries so every read carries the visibility predicate.
export const INCIDENT_CATEGORIES = [
  'community_protest',
  'artisanal_mining',
  'theft_or_intrusion',
  'use_of_force_public_security',
  'use_of_force_private_security',
  'arrest_or_detention',
  'sexual_violence',
  'environmental',
  'other',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_CONFIDENTIALITIES = ['group', 'restricted'] as const;
export type IncidentConfidentiality = (typeof INCIDENT_CONFIDENTIALITIES)[number];

export const INCIDENT_STATUSES = ['open', 'monitoring', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

// download_attachment: a file on the incident or one of its updates (docs/files.md).
export const INCIDENT_ACCESS_ACTIONS = ['view', 'view_updates', 'list', 'download_attachment'] as const;
export type IncidentAccessAction = (typeof INCIDENT_ACCESS_ACTIONS)[number];

// How far in the future occurredAt may lie (clock skew between a phone and the server).
export const OCCURRED_AT_SKEW_MS = 5 * 60 * 1000;
