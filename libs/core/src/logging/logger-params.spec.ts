import { redactUrl } from './logger-params';

describe('redactUrl', () => {
  it('hides a token in the query string', () => {
    expect(redactUrl('/api/v1/groups/g/calendar.ics?token=abc123')).toBe(
      '/api/v1/groups/g/calendar.ics?token=[Redacted]',
    );
    expect(redactUrl('/x?a=1&TOKEN=abc&b=2')).toBe('/x?a=1&TOKEN=[Redacted]&b=2');
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/api/v1/groups/g/incidents?limit=50&q=token')).toBe(
      '/api/v1/groups/g/incidents?limit=50&q=token',
    );
    expect(redactUrl(undefined)).toBeUndefined();
  });
});
