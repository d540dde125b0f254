import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../templates/runtime/create-server.ts';
import { canAskPerson, removalRefusal } from '../../templates/runtime/person-confirmation.ts';
import { fillPrompt } from '../../templates/runtime/prompts.ts';
import { ACME, BEARER, tool } from './support.ts';

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('canAskPerson', () => {
  it.each<{ readonly given: Parameters<typeof canAskPerson>[0] | Record<string, unknown>; readonly want: boolean }>([
    { given: undefined, want: false },
    { given: {}, want: false },
    { given: { elicitation: {} }, want: true },
    { given: { elicitation: { form: {} } }, want: true },
    { given: { elicitation: { url: {} } }, want: false },
    { given: { elicitation: { form: {}, url: {} } }, want: true },
  ])('$given → $want', ({ given, want }) => expect(canAskPerson(given as Parameters<typeof canAskPerson>[0])).toBe(want));
});

describe('removalRefusal', () => {
  const refusal = { isError: true, content: [], structuredContent: { refused: true, would_remove: [{ id: 1 }], confirm_with: 'confirm_removed_items' } };
  it('reads the guard refusal that names entries', () => expect(removalRefusal(refusal)).toStrictEqual({ entries: [{ id: 1 }], confirmArg: 'confirm_removed_items' }));
  it.each([
    { name: 'nothing to remove (an unknown-entry refusal)', result: { ...refusal, structuredContent: { ...refusal.structuredContent, would_remove: [] } } },
    { name: 'a success', result: { content: [], structuredContent: { refused: true, would_remove: [{ id: 1 }], confirm_with: 'x' } } },
    { name: 'another error', result: { isError: true, content: [] } },
  ])('ignores $name', ({ result }) => expect(removalRefusal(result)).toBeUndefined());
});

describe('fillPrompt', () => {
  const prompt = { name: 'p', title: 'P', description: 'd', arguments: [], text: 'Load {{load}} ({{ note }}).' };
  it('fills values literally and leaves an absent optional argument empty', () => {
    expect(fillPrompt({ prompt, values: { load: 'L-$1 $&' } })).toBe('Load L-$1 $& ().');
  });
});

describe('icons', () => {
  it('the server and each tool carry the icons the doc gave', async () => {
    const icon = { src: 'https://acme.test/icon.png', mimeType: 'image/png', sizes: ['64x64'] };
    const withIcon = { ...tool({ name: 'ping_acme', http: { method: 'GET', path: '/ping', args: {} } }), icons: [icon] };
    const config = { vendor: { ...ACME, icons: [icon] }, baseUrl: ACME.baseUrl, credentials: BEARER, timeoutMs: 1000, maxResultChars: 10_000, maxResponseBytes: 1_000_000, fetch };
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createServer({ tools: [withIcon], config }).connect(serverSide);
    const client = new Client({ name: 'icons', version: '1.0.0' });
    await client.connect(clientSide);
    clients.push(client);
    expect(client.getServerVersion()?.icons).toStrictEqual([icon]);
    expect((await client.listTools()).tools[0]!.icons).toStrictEqual([icon]);
  });
});
