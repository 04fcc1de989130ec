import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { Schemas } from '@/api';
import { ServicesProvider } from '@/app/services';
import { testServices } from '@/test/services';
import { testI18n } from '@/test/i18n';
import type { AgreementContext } from './agreement-context';
import { ImplementationsSection } from './implementations-section';

const GROUP = '44444444-4444-4444-8444-444444444444';
const AGREEMENT = '55555555-5555-4555-8555-555555555555';

async function renderSection(body: Schemas['AgreementImplementationsDto'], language = 'en') {
  const i18n = await testI18n(language, ['common', 'agreements']);
  const requests: string[] = [];
  const send = vi.fn(async (request: Request) => {
    requests.push(new URL(request.url).pathname);
    return Response.json(body);
  });
  const services = testServices(send);
  const queries = services.queries;
  const ctx = { groupId: GROUP, agreement: { id: AGREEMENT }, zone: 'Africa/Lubumbashi' } as AgreementContext;
  const router = createRouter({
    routeTree: createRootRoute({ component: () => <ImplementationsSection ctx={ctx} /> }),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  render(
    <ServicesProvider services={services}>
      <QueryClientProvider client={queries}>
        <I18nextProvider i18n={i18n}>
          <RouterProvider router={router} />
        </I18nextProvider>
      </QueryClientProvider>
    </ServicesProvider>,
  );
  return requests;
}

describe('<ImplementationsSection>', () => {
  it('lists the training, equipment decisions and contributions that cite the agreement', async () => {
    const requests = await renderSection({
      trainingProgrammes: [
        {
          id: '11111111-1111-4111-8111-111111111111',
          title: 'Voluntary Principles for new recruits',
          clauseKey: 'c',
        },
      ],
      equipmentDecisions: [
        {
          requestId: '22222222-2222-4222-8222-222222222222',
          outcome: 'approved_with_conditions',
          status: 'approved',
          clauseKey: null,
          decidedAt: '2026-11-03T22:30:00.000Z',
        },
      ],
      contributions: [
        {
          id: '33333333-3333-4333-8333-333333333333',
          kind: 'fuel',
          clauseKey: 'f',
          periodFrom: '2026-10-01',
        },
      ],
    });
    const section = await screen.findByRole('region', { name: 'Putting it into practice' });
    expect(await within(section).findByText('Voluntary Principles for new recruits')).toBeInTheDocument();
    expect(within(section).getByText('— Clause c)')).toBeInTheDocument();
    // The decision's day in the group's zone (22:30 UTC is already the 4th in Lubumbashi).
    expect(within(section).getByText(/Approved with conditions on .*4 Nov 2026/)).toBeInTheDocument();
    expect(within(section).getByText('Fuel from 1 October 2026')).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Training programmes' })).toHaveAttribute(
      'href',
      `/groups/${GROUP}/engagement/training`,
    );
    expect(within(section).getByRole('link', { name: 'Contributions' })).toHaveAttribute(
      'href',
      `/groups/${GROUP}/engagement/contributions`,
    );
    expect(requests).toEqual([`/api/v1/agreements/${AGREEMENT}/implementations`]);
  });

  it('says so when nothing cites it, in French too', async () => {
    await renderSection({ trainingProgrammes: [], equipmentDecisions: [], contributions: [] }, 'fr');
    expect(
      await screen.findByText(
        'Aucun programme de formation, décision d’équipement ou contribution ne cite encore cet accord.',
      ),
    ).toBeInTheDocument();
  });
});
