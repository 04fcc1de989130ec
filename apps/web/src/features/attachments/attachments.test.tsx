import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '@/api';
import { ServicesProvider } from '@/app/services';
import { testServices } from '@/test/services';
import { testI18n } from '@/test/i18n';
import { Attachments } from './attachments';

type Attachment = Schemas['AttachmentDto'];

const photo: Attachment = {
  id: '11111111-1111-4111-8111-111111111111',
  ownerKind: 'incidents',
  ownerId: '22222222-2222-4222-8222-222222222222',
  fileName: 'IMG_2041.jpg',
  contentType: 'image/jpeg',
  size: 2048,
  sha256: 'a'.repeat(64),
  metadataRemoved: ['exif'],
  thumbnailUrl: '/api/v1/attachments/11111111-1111-4111-8111-111111111111/thumbnail',
  downloadUrl: '/api/v1/attachments/11111111-1111-4111-8111-111111111111',
  canDelete: false,
  uploadedBy: '33333333-3333-4333-8333-333333333333',
  createdAt: '2027-01-05T08:00:00.000Z',
};

// The API as the browser sees it: a list endpoint and the thumbnail bytes.
function fakeApi(items: Attachment[]) {
  const requests: string[] = [];
  const send = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}`);
    if (url.pathname.endsWith('/thumbnail'))
      return new Response('webp', { status: 200, headers: { 'Content-Type': 'image/webp' } });
    return Response.json({ items, nextCursor: null });
  });
  return { send, requests };
}

// XMLHttpRequest stand-in: records the upload, reports progress, answers what the test says.
class FakeXhr {
  static answer: { status: number; body: unknown } = { status: 201, body: {} };
  static sent: { url: string; headers: Record<string, string>; body: FormData }[] = [];
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } =
    {
      onprogress: null,
    };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  responseText = '';
  private url = '';
  private headers: Record<string, string> = {};
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    FakeXhr.sent.push({ url: this.url, headers: this.headers, body });
    this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
    setTimeout(() => {
      this.status = FakeXhr.answer.status;
      this.responseText = JSON.stringify(FakeXhr.answer.body);
      this.onload?.();
    }, 10);
  }
}

describe('<Attachments>', () => {
  let i18n: Awaited<ReturnType<typeof testI18n>>;
  beforeEach(async () => {
    i18n = await testI18n('en', ['common', 'attachments']);
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    URL.createObjectURL = vi.fn(() => 'blob:thumbnail');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.unstubAllGlobals());

  function renderWith(items: Attachment[]) {
    const server = fakeApi(items);
    const services = testServices(server.send);
    const queries = services.queries;
    render(
      <ServicesProvider services={services}>
        <QueryClientProvider client={queries}>
          <I18nextProvider i18n={i18n}>
            <Attachments ownerPath={`incidents/${photo.ownerId}`} timeZone="Africa/Lubumbashi" />
          </I18nextProvider>
        </QueryClientProvider>
      </ServicesProvider>,
    );
    return server;
  }

  it('lists files with their thumbnail, what was removed and the allowed actions', async () => {
    const server = renderWith([photo]);
    expect(await screen.findByText('IMG_2041.jpg')).toBeInTheDocument();
    expect(await screen.findByAltText('Preview image of IMG_2041.jpg')).toHaveAttribute(
      'src',
      'blob:thumbnail',
    );
    expect(screen.getByText('Hidden data removed: location and device (EXIF)')).toBeInTheDocument();
    expect(
      screen.getByText(/2 kB · added Tue, 5 Jan 2027, 10:00 \(Africa\/Lubumbashi\)/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Preview IMG_2041.jpg' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download IMG_2041.jpg' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete IMG_2041.jpg' })).toBeNull();
    expect(server.requests).toContain(`GET /api/v1/incidents/${photo.ownerId}/attachments`);
    // The note about photos is tied to the file input.
    expect(screen.getByLabelText('Add a file')).toHaveAccessibleDescription(/location, the phone or camera/);
  });

  it('uploads with progress and the bearer token, then refreshes the list', async () => {
    FakeXhr.answer = { status: 201, body: { ...photo, id: 'new' } };
    const server = renderWith([]);
    expect(await screen.findByText('No files yet.')).toBeInTheDocument();
    const file = new File(['hello'], 'note.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByLabelText('Add a file'), { target: { files: [file] } });
    expect(await screen.findByText('Uploading… 50 %')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(/Uploading/)).toBeNull());
    expect(FakeXhr.sent).toHaveLength(1);
    expect(FakeXhr.sent[0].url).toBe(`/api/v1/incidents/${photo.ownerId}/attachments`);
    expect(FakeXhr.sent[0].headers.Authorization).toBe('Bearer token-1');
    expect((FakeXhr.sent[0].body.get('file') as File).name).toBe('note.txt');
    await waitFor(() =>
      expect(server.requests.filter((r) => r.endsWith('/attachments')).length).toBeGreaterThanOrEqual(2),
    );
  });

  it('explains a refused file in plain words', async () => {
    FakeXhr.answer = {
      status: 415,
      body: {
        type: 'https://roundtable.dev/problems/unsupported-media-type',
        status: 415,
        title: 'Unsupported Media Type',
      },
    };
    renderWith([]);
    await screen.findByText('No files yet.');
    fireEvent.change(screen.getByLabelText('Add a file'), {
      target: { files: [new File(['MZ'], 'tool.exe')] },
    });
    expect(await screen.findByText(/This kind of file is not accepted/)).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('This kind of file is not accepted');
  });
});
