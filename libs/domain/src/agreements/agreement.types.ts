// Enums of DESIGN.md "Agreements: MoUs and site security agreements". Tables are raw SQL
// (migrations/1764000010001-Agreements.ts), read with raw queries that carry the visibility predicate.
export const AGREEMENT_KINDS = [
  'mou',
  'site_security_agreement',
  'exchange_of_letters',
  'specific_agreement',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

// Highest first: a parent agreement sits at a higher level than its children.
export const AGREEMENT_LEVELS = ['national', 'regional', 'local', 'site'] as const;
export type AgreementLevel = (typeof AGREEMENT_LEVELS)[number];

export const PARTY_ROLES = [
  'company',
  'public_security',
  'host_government',
  'local_authority',
  'witness',
  'other',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const AGREEMENT_VISIBILITIES = ['parties', 'summary', 'group'] as const;
export type AgreementVisibilityMode = (typeof AGREEMENT_VISIBILITIES)[number];

export const VERSION_STATUSES = ['draft', 'proposed', 'agreed', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const SIGNATURE_METHODS = ['wet_ink', 'electronic', 'exchange_of_letters'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

export const LEGAL_REFERENCE_KINDS = [
  'statute',
  'decree',
  'regulation',
  'treaty',
  'agreement',
  'other',
] as const;
export type LegalReferenceKind = (typeof LEGAL_REFERENCE_KINDS)[number];

export const REVIEW_OUTCOMES = ['reaffirmed', 'revise', 'terminate'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

// Party members are reminded this many days before nextReviewOn (each once per review date).
export const REVIEW_REMINDER_DAYS = [60, 30, 7] as const;

export const TEMPLATE_KEYS = ['dcaf-2.3'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

// A clause key: a catalogue key a–j, or the parties' own (lower case, digits, . _ -).
export const CLAUSE_KEY = /^[a-z0-9][a-z0-9._-]{0,39}$/;
// BCP 47 language tag, as groups list their languages (en, fr, sw, fr-CD).
export const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
