import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiProblem, unwrap, type Schemas } from '@/api';
import { useApi } from '@/app/services';
import { groupKey } from '@/realtime/realtime';

export type GroupDocument = Schemas['DocumentDto'];
export type DocumentKind = Schemas['CreateDocumentDto']['kind'];
export type TranslationStatus = Schemas['PutTranslationDto']['status'];
export type TranslationDetail = Schemas['TranslationDetailDto'];

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'policy_statement',
  'terms_of_reference',
  'vps_text',
  'explanatory',
  'other',
];
export const TRANSLATION_STATUSES: readonly TranslationStatus[] = ['draft', 'reviewed', 'approved'];

// Everything under the group's key, so any event of the group (document.updated,
// translation.updated) refreshes what is shown.
const keys = {
  list: (groupId: string, locale?: string) =>
    [...groupKey(groupId), 'documents', 'list', locale ?? ''] as const,
  one: (groupId: string, id: string, locale?: string) =>
    [...groupKey(groupId), 'documents', id, locale ?? ''] as const,
  translation: (groupId: string, id: string, locale: string) =>
    [...groupKey(groupId), 'documents', id, 'translation', locale] as const,
  all: (groupId: string) => [...groupKey(groupId), 'documents'] as const,
};

export function useDocuments(groupId: string, locale?: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.list(groupId, locale),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/groups/{groupId}/documents', { params: { path: { groupId }, query: { locale } } }),
      ),
  });
}

// `locale` unset: the server negotiates (Accept-Language, the group's languages, the source).
export function useDocument(groupId: string, documentId: string, locale?: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.one(groupId, documentId, locale),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/documents/{documentId}', { params: { path: { documentId }, query: { locale } } }),
      ),
  });
}

export function useCreateDocument(groupId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateDocumentDto']) =>
      unwrap(api.POST('/api/v1/groups/{groupId}/documents', { params: { path: { groupId } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.all(groupId) }),
  });
}

export function useUpdateDocument(groupId: string, documentId: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateDocumentDto']) =>
      unwrap(api.PATCH('/api/v1/documents/{documentId}', { params: { path: { documentId } }, body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.all(groupId) }),
  });
}

// The translation with the source now and as it was when translated; null when none exists yet.
export function useDocumentTranslation(groupId: string, documentId: string, locale: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.translation(groupId, documentId, locale),
    queryFn: async (): Promise<TranslationDetail | null> => {
      try {
        return await unwrap(
          api.GET('/api/v1/translations/{entityType}/{entityId}/{locale}', {
            params: { path: { entityType: 'document', entityId: documentId, locale } },
          }),
        );
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 404) return null;
        throw e;
      }
    },
  });
}

export function useSaveTranslation(groupId: string, documentId: string, locale: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['PutTranslationDto']) =>
      unwrap(
        api.PUT('/api/v1/translations/{entityType}/{entityId}/{locale}', {
          params: { path: { entityType: 'document', entityId: documentId, locale } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.all(groupId) }),
  });
}
