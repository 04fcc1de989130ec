// @vitest-environment node
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const snapshot = new URL('../../../../openapi.json', import.meta.url);
const generated = new URL('./schema.d.ts', import.meta.url);

describe('generated API types', () => {
  it('are what openapi.json produces (run `npm run openapi:update` after changing the API)', async () => {
    const document = JSON.parse(readFileSync(fileURLToPath(snapshot), 'utf8')) as Record<string, unknown>;
    const expected = astToString(await openapiTS(document as never));
    // The CLI (npm run openapi:update) adds a header comment; the types follow it.
    const actual = readFileSync(fileURLToPath(generated), 'utf8').replace(/^\/\*\*[\s\S]*?\*\/\s*/, '');
    expect(actual.replace(/\r\n/g, '\n').trim()).toBe(expected.replace(/\r\n/g, '\n').trim());
  }, 30_000);
});
