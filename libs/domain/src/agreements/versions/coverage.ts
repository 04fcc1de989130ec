import {
  CATALOGUE_KEYS,
  CatalogueEdition,
  CatalogueKey,
  EDITIONS,
  VPS_ANNEX_KEY,
} from '../catalogue/agreement-clauses.catalogue';

export interface Coverage {
  edition: CatalogueEdition;
  covered: CatalogueKey[];
  missing: CatalogueKey[];
}

// Which catalogue keys a)–j) a version covers. Clause j ("the Voluntary Principles as an annex")
// counts only with the annex "vps" when the edition requires the annex.
export function coverageOf(
  clauseKeys: readonly string[],
  annexKeys: readonly string[],
  edition: CatalogueEdition,
): Coverage {
  const present = new Set(clauseKeys);
  const covered = CATALOGUE_KEYS.filter((k) => {
    if (!present.has(k)) return false;
    if (k === 'j' && EDITIONS[edition].vpsAnnexRequired) return annexKeys.includes(VPS_ANNEX_KEY);
    return true;
  });
  return { edition, covered, missing: CATALOGUE_KEYS.filter((k) => !covered.includes(k)) };
}

// Coverage from the keys stored on a version (agreement_versions.coverage, computed on save).
export function storedCoverage(covered: readonly string[], edition: CatalogueEdition): Coverage {
  const keys = CATALOGUE_KEYS.filter((k) => covered.includes(k));
  return { edition, covered: keys, missing: CATALOGUE_KEYS.filter((k) => !keys.includes(k)) };
}
