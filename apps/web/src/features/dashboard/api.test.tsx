import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Schemas } from '@/api';
import { ServicesProvider } from '@/app/services';
import { testServices } from '@/test/services';
import { useMinutesAwaitingApproval } from './api';

const GROUP = '44444444-4444-4444-8444-444444444444';

const summary = (
  meetingId: string,
  meetingStatus: Schemas['MinutesSummaryDto']['meetingStatus'],
): Schemas['MinutesSummaryDto'] => ({
  meetingId,
  title: `Meeting ${meetingId.slice(0, 4)}`,
  startsAt: '2026-11-03T08:00:00.000Z',
  timezone: 'Africa/Lubumbashi',
  meetingStatus,
  status: 'circulated',
  circulatedAt: '2026-11-04T08:00:00.000Z',
  updatedAt: '2026-11-04T08:00:00.000Z',
});

describe('useMinutesAwaitingApproval', () => {
  it('asks the server once for the circulated minutes and leaves out cancelled meetings', async () => {
    const requests: string[] = [];
    const send = vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      requests.push(`${request.method} ${url.pathname}${url.search}`);
      return Response.json({
        items: [
          summary('11111111-1111-4111-8111-111111111111', 'held'),
          summary('22222222-2222-4222-8222-222222222222', 'cancelled'),
        ],
        nextCursor: 'more',
      });
    });
    const services = testServices(send);
    const queries = services.queries;
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ServicesProvider services={services}>
        <QueryClientProvider client={queries}>{children}</QueryClientProvider>
      </ServicesProvider>
    );
    const { result } = renderHook(() => useMinutesAwaitingApproval(GROUP), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(requests).toEqual([`GET /api/v1/groups/${GROUP}/minutes?status=circulated&limit=200`]);
    expect(result.current.data?.items.map((m) => m.meetingId)).toEqual([
      '11111111-1111-4111-8111-111111111111',
    ]);
    expect(result.current.data?.more).toBe(true);
  });
});
