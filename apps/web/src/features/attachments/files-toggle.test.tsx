import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { ServicesProvider } from '@/app/services';
import { testI18n } from '@/test/i18n';
import { testServices } from '@/test/services';
import { FilesToggle } from './files-toggle';

describe('<FilesToggle>', () => {
  it('asks for the files only when they are shown', async () => {
    const i18n = await testI18n('fr', ['common', 'attachments']);
    const requests: string[] = [];
    const send = vi.fn((request: Request) => {
      requests.push(`${request.method} ${new URL(request.url).pathname}`);
      return Promise.resolve(Response.json({ items: [], nextCursor: null }));
    });
    const services = testServices(send);
    render(
      <ServicesProvider services={services}>
        <QueryClientProvider client={services.queries}>
          <I18nextProvider i18n={i18n}>
            <FilesToggle ownerPath="incident-updates/u-1" timeZone="Africa/Lubumbashi" canUpload={false} />
          </I18nextProvider>
        </QueryClientProvider>
      </ServicesProvider>,
    );
    const toggle = screen.getByRole('button', { name: 'Afficher les fichiers' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(requests).toEqual([]);
    fireEvent.click(toggle);
    expect(await screen.findByRole('group', { name: 'Fichiers' })).toBeTruthy();
    expect(requests).toEqual(['GET /api/v1/incident-updates/u-1/attachments']);
    expect(screen.getByRole('button', { name: 'Masquer les fichiers' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    // Without the power to add, no upload control.
    expect(screen.queryByText(/Ajouter un fichier/)).toBeNull();
  });
});
