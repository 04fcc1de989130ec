import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

export type Programme = Schemas['TrainingProgrammeDto'];
export type Coverage = Schemas['TrainingCoverageDto'];
export type EquipmentRequest = Schemas['EquipmentRequestDto'];
export type Contribution = Schemas['ContributionDto'];
export type Audience = Schemas['CreateTrainingProgrammeDto']['audience'];
export type ItemCategory = Schemas['EquipmentItemInputDto']['category'];
export type Transfer = Schemas['EquipmentItemInputDto']['transfer'];
export type Outcome = Schemas['EquipmentDecisionDto']['outcome'];
export type ManualStatus = Schemas['EquipmentStatusDto']['to'];
export type MonitoringMethod = Schemas['EquipmentMonitoringInputDto']['method'];
export type ContributionKind = Schemas['CreateContributionDto']['kind'];
export type Disclosure = Schemas['CreateContributionDto']['disclosure'];

export const AUDIENCES: readonly Audience[] = [
  'police',
  'military',
  'gendarmerie',
  'private_security',
  'mixed',
];
export const CATEGORIES: readonly ItemCategory[] = [
  'vehicle',
  'fuel',
  'communications',
  'food',
  'medical',
  'accommodation',
  'non_lethal',
  'lethal',
  'other',
];
export const TRANSFERS: readonly Transfer[] = ['loan', 'donation'];
export const OUTCOMES: readonly Outcome[] = ['approved', 'approved_with_conditions', 'declined'];
export const METHODS: readonly MonitoringMethod[] = ['report', 'accompanied', 'inspection', 'third_party'];
export const CONTRIBUTION_KINDS: readonly ContributionKind[] = [
  'allowance',
  'per_diem',
  'goods',
  'services',
  'fuel',
  'infrastructure',
  'other',
];
export const DISCLOSURES: readonly Disclosure[] = ['parties', 'group'];

// A request with a lethal item can only be declined (the server answers 400 otherwise).
export function outcomesFor(request: Pick<EquipmentRequest, 'hasLethalItem'>): readonly Outcome[] {
  return request.hasLethalItem ? ['declined'] : OUTCOMES;
}

const keys = {
  programmes: (g: string) => [...groupKey(g), 'training-programmes'] as const,
  equipment: (g: string) => [...groupKey(g), 'equipment-requests'] as const,
  contributions: (g: string) => [...groupKey(g), 'contributions'] as const,
  summary: (g: string) => [...groupKey(g), 'contributions', 'summary'] as const,
  organisations: (g: string) => [...groupKey(g), 'engagement-organisations'] as const,
};

export function useTopicCatalogue(locale: string) {
  const api = useApi();
  const lang = (['en', 'fr', 'sw'].includes(locale) ? locale : 'en') as 'en' | 'fr' | 'sw';
  return useQuery({
    queryKey: ['catalogue', 'training-topics', lang],
    queryFn: () =>
      unwrap(api.GET('/api/v1/catalogue/training-topics', { params: { query: { locale: lang } } })),
    staleTime: Infinity,
  });
}

// The organisations represented in the group (from its active members), by name.
export function useGroupOrganisations(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.organisations(groupId),
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId }, query: { limit: 200, status: 'active' } },
        }),
      );
      const byId = new Map(page.items.map((m) => [m.organisation.id, m.organisation]));
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

// The group's sites are the agreements feature's (one query and cache entry for both screens).
export { useSites } from '@/features/agreements';

export function useProgrammes(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.programmes(groupId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/training-programmes', {
          params: { path: { groupId }, query: { limit: 200 } },
        }),
      ),
  });
}

// One programme with its sessions (under the programmes' key: recording a session refreshes it).
export function useProgramme(groupId: string, programmeId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.programmes(groupId), programmeId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/training-programmes/{programmeId}', { params: { path: { programmeId } } })),
  });
}

export function useCreateProgramme(groupId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateTrainingProgrammeDto']) =>
      unwrap(
        api.POST('/api/v1/groups/{groupId}/training-programmes', { params: { path: { groupId } }, body }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.programmes(groupId) }),
  });
}

export function useRecordSession(groupId: string, programmeId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateTrainingSessionDto']) =>
      unwrap(
        api.POST('/api/v1/training-programmes/{programmeId}/sessions', {
          params: { path: { programmeId } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.programmes(groupId) }),
  });
}

export function useEquipmentRequests(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.equipment(groupId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/equipment-requests', {
          params: { path: { groupId }, query: { limit: 200 } },
        }),
      ),
  });
}

export function useCreateEquipmentRequest(groupId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateEquipmentRequestDto']) =>
      unwrap(
        api.POST('/api/v1/groups/{groupId}/equipment-requests', { params: { path: { groupId } }, body }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.equipment(groupId) }),
  });
}

export type EquipmentAction =
  | { kind: 'assessment'; body: Schemas['EquipmentAssessmentDto'] }
  | { kind: 'decision'; body: Schemas['EquipmentDecisionDto'] }
  | { kind: 'status'; body: Schemas['EquipmentStatusDto'] }
  | { kind: 'monitoring'; body: Schemas['EquipmentMonitoringInputDto'] };

export function useEquipmentAction(groupId: string, requestId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (action: EquipmentAction) => {
      const params = { path: { requestId } };
      switch (action.kind) {
        case 'assessment':
          return unwrap(
            api.POST('/api/v1/equipment-requests/{requestId}/assessment', { params, body: action.body }),
          );
        case 'decision':
          return unwrap(
            api.POST('/api/v1/equipment-requests/{requestId}/decision', { params, body: action.body }),
          );
        case 'status':
          return unwrap(
            api.POST('/api/v1/equipment-requests/{requestId}/status', { params, body: action.body }),
          );
        case 'monitoring':
          return unwrap(
            api.POST('/api/v1/equipment-requests/{requestId}/monitoring', { params, body: action.body }),
          );
      }
    },
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.equipment(groupId) }),
  });
}

export function useContributions(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.contributions(groupId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/contributions', {
          params: { path: { groupId }, query: { limit: 200 } },
        }),
      ),
  });
}

export function useContributionSummary(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.summary(groupId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/groups/{groupId}/contributions/summary', { params: { path: { groupId } } })),
  });
}

export function useRecordContribution(groupId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateContributionDto']) =>
      unwrap(api.POST('/api/v1/groups/{groupId}/contributions', { params: { path: { groupId } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.contributions(groupId) }),
  });
}
