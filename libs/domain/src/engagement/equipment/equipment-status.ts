// The life of an equipment request (DESIGN.md "Equipment requests"). The decision moves it out of
// received / under_assessment; POST .../status makes the other moves; anything else is a 409.

export const EQUIPMENT_STATUSES = [
  'received',
  'under_assessment',
  'approved',
  'approved_with_conditions',
  'declined',
  'withdrawn',
  'handed_over',
  'monitoring',
  'returned',
  'closed',
] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

export const DECISION_OUTCOMES = ['approved', 'approved_with_conditions', 'declined'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

// The moves POST /equipment-requests/{id}/status makes.
export const MANUAL_STATUSES = [
  'under_assessment',
  'withdrawn',
  'handed_over',
  'monitoring',
  'returned',
  'closed',
] as const;
export type ManualEquipmentStatus = (typeof MANUAL_STATUSES)[number];

export const EQUIPMENT_CATEGORIES = [
  'vehicle',
  'fuel',
  'communications',
  'food',
  'medical',
  'accommodation',
  'non_lethal',
  'lethal',
  'other',
] as const;
export type EquipmentCategory = (typeof EQUIPMENT_CATEGORIES)[number];

const MOVES: Record<EquipmentStatus, EquipmentStatus[]> = {
  received: ['under_assessment', 'approved', 'approved_with_conditions', 'declined', 'withdrawn'],
  under_assessment: ['approved', 'approved_with_conditions', 'declined', 'withdrawn'],
  approved: ['handed_over', 'withdrawn'],
  approved_with_conditions: ['handed_over', 'withdrawn'],
  declined: [],
  withdrawn: [],
  handed_over: ['monitoring', 'returned', 'closed'],
  monitoring: ['returned', 'closed'],
  returned: [],
  closed: [],
};

export function mayMove(from: EquipmentStatus, to: EquipmentStatus): boolean {
  return MOVES[from].includes(to);
}

export function isDecidable(status: EquipmentStatus): boolean {
  return status === 'received' || status === 'under_assessment';
}

// A request with a lethal item can only be declined (the toolkit: never transfer lethal equipment).
export function decisionError(
  outcome: DecisionOutcome,
  categories: readonly string[],
  conditions: string | undefined,
): { field: string; message: string } | null {
  if (outcome !== 'declined' && categories.includes('lethal'))
    return { field: 'outcome', message: 'a request with a lethal item can only be declined' };
  if (outcome === 'approved_with_conditions' && !conditions?.trim())
    return { field: 'conditions', message: 'conditions are required for approved_with_conditions' };
  return null;
}

// Who makes a manual move: the requesting organisation withdraws; the deciding company does the rest.
export function manualMoveBy(to: ManualEquipmentStatus): 'requesting' | 'deciding' {
  return to === 'withdrawn' ? 'requesting' : 'deciding';
}
