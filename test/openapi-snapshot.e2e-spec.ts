import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestApp, TestApp } from './support/test-app';

// The web client's types are generated from openapi.json; it must be what the API serves.
describe('OpenAPI snapshot', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('openapi.json is the served document (run `npm run openapi:update` after changing the API)', async () => {
    const served = await t.api().get('/api/docs-json');
    expect(served.status).toBe(200);
    const snapshot = JSON.parse(readFileSync(resolve(__dirname, '../openapi.json'), 'utf8'));
    expect(served.body).toEqual(snapshot);
  });
});
