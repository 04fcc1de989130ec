import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiProblem, unwrap, type Schemas } from '@/api';
import type { paths } from '@/api/schema';
import { toProblem } from '@/api/problem';
import { useApi, useServices } from '@/app/services';

export type Attachment = Schemas['AttachmentDto'];

// The owner kinds the API documents (an enum path parameter).
export type OwnerKind =
  paths['/api/v1/{ownerKind}/{ownerId}/attachments']['get']['parameters']['path']['ownerKind'];

// `incidents/<id>`, `/meetings/<id>`, … → the owner kind and id of the attachment routes.
export function parseOwnerPath(ownerPath: string): { ownerKind: OwnerKind; ownerId: string } {
  const [ownerKind = '', ownerId = ''] = ownerPath.replace(/^\/+|\/+$/g, '').split('/');
  return { ownerKind: ownerKind as OwnerKind, ownerId };
}

// Under ['attachments', …]: the feature's realtime handlers refresh them on attachment events.
export const attachmentsKey = (ownerPath: string) =>
  ['attachments', ...Object.values(parseOwnerPath(ownerPath))] as const;

export function useAttachments(ownerPath: string) {
  const api = useApi();
  const path = parseOwnerPath(ownerPath);
  return useQuery({
    queryKey: attachmentsKey(ownerPath),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/{ownerKind}/{ownerId}/attachments', { params: { path, query: { limit: 200 } } }),
        )
      ).items,
  });
}

// The upload goes through XMLHttpRequest (fetch reports no upload progress), with the same
// bearer token and one refresh-and-retry on 401 as the API client.
export function useUploadAttachment(ownerPath: string) {
  const { session } = useServices();
  const queries = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: async (file: File): Promise<Attachment> => {
      const { ownerKind, ownerId } = parseOwnerPath(ownerPath);
      const url = `/api/v1/${encodeURIComponent(ownerKind)}/${encodeURIComponent(ownerId)}/attachments`;
      setProgress(0);
      try {
        const token = await session.accessTokenOrRefresh();
        let answer = await send(url, file, token, setProgress);
        if (answer.status === 401 && token) {
          const fresh = await session.refresh(token);
          if (fresh) answer = await send(url, file, fresh, setProgress);
        }
        if (answer.status !== 201) throw toProblem(answer.body, { status: answer.status } as Response);
        return answer.body as Attachment;
      } finally {
        setProgress(null);
      }
    },
    onSuccess: () => queries.invalidateQueries({ queryKey: attachmentsKey(ownerPath) }),
  });
  return { ...mutation, progress };
}

function send(
  url: string,
  file: File,
  token: string | null,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status says enough
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new ApiProblem({ status: 0 }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function useDeleteAttachment(ownerPath: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      unwrap(api.DELETE('/api/v1/attachments/{attachmentId}', { params: { path: { attachmentId } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: attachmentsKey(ownerPath) }),
  });
}

// The bytes need the bearer token, so they are fetched and shown through an object URL, which is
// revoked when the component goes away.
export function useAttachmentObjectUrl(attachmentId: string, part: 'file' | 'thumbnail', enabled = true) {
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let objectUrl: string | null = null;
    let cancelled = false;
    void fetchBlob(api, attachmentId, part)
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, attachmentId, part, enabled]);
  return { url, failed };
}

async function fetchBlob(api: ReturnType<typeof useApi>, attachmentId: string, part: 'file' | 'thumbnail') {
  const params = { params: { path: { attachmentId } }, parseAs: 'blob' as const };
  const call =
    part === 'thumbnail'
      ? api.GET('/api/v1/attachments/{attachmentId}/thumbnail', params)
      : api.GET('/api/v1/attachments/{attachmentId}', params);
  return await unwrap(call);
}

// Saves the file under its (sanitised) name.
export function useDownloadAttachment() {
  const api = useApi();
  return useMutation({
    mutationFn: async (attachment: Attachment) => {
      const blob = await fetchBlob(api, attachment.id, 'file');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = attachment.fileName;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
}
