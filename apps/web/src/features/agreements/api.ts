import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

export type Agreement = Schemas['AgreementDto'];
export type AgreementKind = Agreement['kind'];
export type AgreementLevel = Agreement['level'];
export type AgreementStatus = Agreement['status'];
export type Visibility = Agreement['visibility'];
export type Party = Schemas['PartyDto'];
export type PartyRole = Party['role'];
export type ClauseKey = Schemas['CoverageDto']['covered'][number];
export type Version = Schemas['VersionDto'];
export type VersionSummary = Schemas['VersionSummaryDto'];
export type SignatureMethod = Schemas['SignatureInputDto']['method'];
export type Obligation = Schemas['ObligationDto'];
export type LegalKind = Schemas['CreateLegalReferenceDto']['kind'];
export type ReviewOutcome = Schemas['CreateReviewDto']['outcome'];
export type NonCompliance = Schemas['NonComplianceDto'];
export type NonComplianceStatus = NonCompliance['status'];
export type Severity = NonCompliance['severity'];
export type Site = Schemas['SiteDto'];
export type SiteKind = Site['kind'];

export const KINDS: readonly AgreementKind[] = [
  'mou',
  'site_security_agreement',
  'exchange_of_letters',
  'specific_agreement',
];
export const LEVELS: readonly AgreementLevel[] = ['national', 'regional', 'local', 'site'];
export const VISIBILITIES: readonly Visibility[] = ['parties', 'summary', 'group'];
export const PARTY_ROLES: readonly PartyRole[] = [
  'company',
  'public_security',
  'host_government',
  'local_authority',
  'witness',
  'other',
];
export const CLAUSE_KEYS: readonly ClauseKey[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
export const SIGNATURE_METHODS: readonly SignatureMethod[] = ['wet_ink', 'electronic', 'exchange_of_letters'];
export const LEGAL_KINDS: readonly LegalKind[] = [
  'statute',
  'decree',
  'regulation',
  'treaty',
  'agreement',
  'other',
];
export const REVIEW_OUTCOMES: readonly ReviewOutcome[] = ['reaffirmed', 'revise', 'terminate'];
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const SITE_KINDS: readonly SiteKind[] = [
  'mine',
  'concession',
  'processing_plant',
  'pipeline',
  'port',
  'office',
  'other',
];

// The moves a party member may ask for (the others are the platform's: signed, in force, expired).
// Mirrors AGREEMENT_TRANSITIONS on the server, which stays the judge (409 otherwise).
export const REQUESTABLE: Record<AgreementStatus, readonly AgreementStatus[]> = {
  draft: ['negotiating', 'abandoned'],
  negotiating: ['abandoned'],
  signed: ['terminated'],
  in_force: ['under_review', 'suspended', 'terminated'],
  under_review: ['in_force', 'terminated'],
  suspended: ['in_force', 'terminated'],
  terminated: [],
  expired: [],
  abandoned: [],
};

// The report workflow (NON_COMPLIANCE_TRANSITIONS on the server).
export const REPORT_STEPS: Record<NonComplianceStatus, readonly NonComplianceStatus[]> = {
  reported: ['acknowledged', 'dismissed'],
  acknowledged: ['raised_with_authorities', 'action_agreed', 'dismissed'],
  raised_with_authorities: ['action_agreed', 'unresolved', 'dismissed'],
  action_agreed: ['resolved', 'unresolved'],
  resolved: [],
  unresolved: [],
  dismissed: [],
};

export const LIVE_STATUSES: readonly AgreementStatus[] = ['signed', 'in_force', 'under_review', 'suspended'];

const keys = {
  list: (groupId: string) => [...groupKey(groupId), 'agreements', 'list'] as const,
  indicators: (groupId: string) => [...groupKey(groupId), 'agreements', 'indicators'] as const,
  agreement: (groupId: string, id: string) => [...groupKey(groupId), 'agreement', id] as const,
  sites: (groupId: string) => [...groupKey(groupId), 'sites'] as const,
  members: (groupId: string) => [...groupKey(groupId), 'agreements', 'members'] as const,
  group: (groupId: string) => [...groupKey(groupId), 'agreements', 'group'] as const,
};
const sub = (groupId: string, id: string, ...rest: string[]) => [...keys.agreement(groupId, id), ...rest];

export function useGroupInfo(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.group(groupId),
    queryFn: () => unwrap(api.GET('/api/v1/groups/{groupId}', { params: { path: { groupId } } })),
  });
}

// The caller's organisation in this group (the party they act for).
export function useMyOrganisationId(groupId: string): string | undefined {
  const api = useApi();
  const me = useQuery({ queryKey: ['me'], queryFn: () => unwrap(api.GET('/api/v1/me')) });
  return me.data?.memberships.find((m) => m.groupId === groupId)?.organisationId;
}

// Organisations with active members in the group: who can be a party.
export function useGroupOrganisations(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.members(groupId),
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId }, query: { limit: 200, status: 'active' } },
        }),
      );
      const byId = new Map<string, Schemas['MemberOrganisationDto']>();
      for (const m of page.items) byId.set(m.organisation.id, m.organisation);
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

export function useAgreements(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.list(groupId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/agreements', {
          params: { path: { groupId }, query: { limit: 200 } },
        }),
      ),
  });
}

export function useIndicators(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.indicators(groupId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/groups/{groupId}/agreements/indicators', { params: { path: { groupId } } })),
  });
}

export function useSites(groupId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.sites(groupId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/sites', { params: { path: { groupId }, query: { limit: 200 } } }),
      ),
  });
}

export function useCatalogue(edition: Schemas['CoverageDto']['edition'], language: string) {
  const api = useApi();
  const locale = language.startsWith('fr') ? 'fr' : 'en';
  return useQuery({
    queryKey: ['agreement-catalogue', edition, locale],
    staleTime: Infinity,
    queryFn: () =>
      unwrap(api.GET('/api/v1/catalogue/agreement-clauses', { params: { query: { edition, locale } } })),
  });
}

export function useAgreement(groupId: string, agreementId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.agreement(groupId, agreementId),
    queryFn: () => unwrap(api.GET('/api/v1/agreements/{agreementId}', { params: { path: { agreementId } } })),
  });
}

// Content (versions, obligations…) only for those who may read it: `enabled` is the full view.
export function useVersions(groupId: string, agreementId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: sub(groupId, agreementId, 'versions'),
    enabled,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreements/{agreementId}/versions', {
          params: { path: { agreementId }, query: { limit: 200 } },
        }),
      ),
  });
}

// `locale`: the language to read the text in. The text section passes the agreement's source
// language, so what is edited and saved is always the source, never a translation the browser's
// Accept-Language would otherwise negotiate.
export function useVersion(
  groupId: string,
  agreementId: string,
  versionId: string | undefined,
  locale?: string,
) {
  const api = useApi();
  return useQuery({
    queryKey: sub(groupId, agreementId, 'version', versionId ?? '', locale ?? ''),
    enabled: Boolean(versionId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreement-versions/{versionId}', {
          params: { path: { versionId: versionId! }, query: locale ? { locale } : {} },
        }),
      ),
  });
}

export function useDiff(groupId: string, agreementId: string, versionId: string, against: string) {
  const api = useApi();
  return useQuery({
    queryKey: sub(groupId, agreementId, 'diff', versionId, against),
    enabled: Boolean(versionId && against && versionId !== against),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreement-versions/{versionId}/diff', {
          params: { path: { versionId }, query: { against } },
        }),
      ),
  });
}

export function useLegalReferences(groupId: string, agreementId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: sub(groupId, agreementId, 'legal'),
    enabled,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreements/{agreementId}/legal-references', { params: { path: { agreementId } } }),
      ),
  });
}

export function useObligations(groupId: string, agreementId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: sub(groupId, agreementId, 'obligations'),
    enabled,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreements/{agreementId}/obligations', {
          params: { path: { agreementId }, query: { limit: 200 } },
        }),
      ),
  });
}

export function useReviews(groupId: string, agreementId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: sub(groupId, agreementId, 'reviews'),
    enabled,
    queryFn: async () => {
      const [reviews, requests] = await Promise.all([
        unwrap(api.GET('/api/v1/agreements/{agreementId}/reviews', { params: { path: { agreementId } } })),
        unwrap(
          api.GET('/api/v1/agreements/{agreementId}/review-requests', { params: { path: { agreementId } } }),
        ),
      ]);
      return { reviews: reviews.items, requests: requests.items };
    },
  });
}

// Training programmes, equipment decisions and contributions that cite the agreement (what the
// caller may see of them); summary viewers too.
export function useImplementations(groupId: string, agreementId: string) {
  const api = useApi();
  return useQuery({
    queryKey: sub(groupId, agreementId, 'implementations'),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreements/{agreementId}/implementations', { params: { path: { agreementId } } }),
      ),
  });
}

export function useNonCompliance(groupId: string, agreementId: string) {
  const api = useApi();
  return useQuery({
    queryKey: sub(groupId, agreementId, 'non-compliance'),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreements/{agreementId}/non-compliance', {
          params: { path: { agreementId }, query: { limit: 200 } },
        }),
      ),
  });
}

// Every change refreshes the whole group's cache (the event would too, a moment later).
function useGroupMutation<V, R>(groupId: string, fn: (v: V) => Promise<R>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queries.invalidateQueries({ queryKey: groupKey(groupId) }),
  });
}

export function useCreateAgreement(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateAgreementDto']) =>
    unwrap(api.POST('/api/v1/groups/{groupId}/agreements', { params: { path: { groupId } }, body })),
  );
}

export function useCreateSite(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateSiteDto']) =>
    unwrap(api.POST('/api/v1/groups/{groupId}/sites', { params: { path: { groupId } }, body })),
  );
}

export function useChangeStatus(groupId: string, agreementId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['AgreementStatusChangeDto']) =>
    unwrap(api.POST('/api/v1/agreements/{agreementId}/status', { params: { path: { agreementId } }, body })),
  );
}

export function useOpenVersion(groupId: string, agreementId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['OpenVersionDto']) =>
    unwrap(
      api.POST('/api/v1/agreements/{agreementId}/versions', { params: { path: { agreementId } }, body }),
    ),
  );
}

export function useSaveVersion(groupId: string) {
  const api = useApi();
  return useGroupMutation(
    groupId,
    ({ versionId, ...body }: Schemas['SaveVersionDto'] & { versionId: string }) =>
      unwrap(api.PUT('/api/v1/agreement-versions/{versionId}', { params: { path: { versionId } }, body })),
  );
}

export function useProposeVersion(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (versionId: string) =>
    unwrap(api.POST('/api/v1/agreement-versions/{versionId}/propose', { params: { path: { versionId } } })),
  );
}

export function useAcceptVersion(groupId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (versionId: string) =>
    unwrap(api.POST('/api/v1/agreement-versions/{versionId}/accept', { params: { path: { versionId } } })),
  );
}

export function useSign(groupId: string) {
  const api = useApi();
  return useGroupMutation(
    groupId,
    ({ versionId, ...body }: Schemas['SignatureInputDto'] & { versionId: string }) =>
      unwrap(
        api.POST('/api/v1/agreement-versions/{versionId}/signatures', {
          params: { path: { versionId } },
          body,
        }),
      ),
  );
}

export function useAddLegalReference(groupId: string, agreementId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateLegalReferenceDto']) =>
    unwrap(
      api.POST('/api/v1/agreements/{agreementId}/legal-references', {
        params: { path: { agreementId } },
        body,
      }),
    ),
  );
}

export function useAddObligation(groupId: string, agreementId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateObligationDto']) =>
    unwrap(
      api.POST('/api/v1/agreements/{agreementId}/obligations', { params: { path: { agreementId } }, body }),
    ),
  );
}

export function useReportProgress(groupId: string) {
  const api = useApi();
  return useGroupMutation(
    groupId,
    ({ obligationId, ...body }: Schemas['ReportObligationProgressDto'] & { obligationId: string }) =>
      unwrap(
        api.POST('/api/v1/obligations/{obligationId}/progress', { params: { path: { obligationId } }, body }),
      ),
  );
}

export function useAddReview(groupId: string, agreementId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateReviewDto']) =>
    unwrap(api.POST('/api/v1/agreements/{agreementId}/reviews', { params: { path: { agreementId } }, body })),
  );
}

export function useRequestReview(groupId: string, agreementId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateReviewRequestDto']) =>
    unwrap(
      api.POST('/api/v1/agreements/{agreementId}/review-requests', {
        params: { path: { agreementId } },
        body,
      }),
    ),
  );
}

export function useReportNonCompliance(groupId: string, agreementId: string) {
  const api = useApi();
  return useGroupMutation(groupId, (body: Schemas['CreateNonComplianceDto']) =>
    unwrap(
      api.POST('/api/v1/agreements/{agreementId}/non-compliance', {
        params: { path: { agreementId } },
        body,
      }),
    ),
  );
}

export function useReportStep(groupId: string) {
  const api = useApi();
  return useGroupMutation(
    groupId,
    ({ reportId, ...body }: Schemas['NonComplianceStepDto'] & { reportId: string }) =>
      unwrap(api.POST('/api/v1/non-compliance/{reportId}/status', { params: { path: { reportId } }, body })),
  );
}

// The export is a download with the session's token, so it goes through the client (a plain
// link would carry no Authorization); the file is handed to the browser, nothing is kept.
export function useExport() {
  const api = useApi();
  return useMutation({
    mutationFn: async ({
      versionId,
      format,
      fileName,
    }: {
      versionId: string;
      format: 'md' | 'pdf';
      fileName: string;
    }) => {
      const blob = await unwrap(
        api.GET('/api/v1/agreement-versions/{versionId}/export', {
          params: { path: { versionId }, query: { format } },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${fileName}.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });
}
