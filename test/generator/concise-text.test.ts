import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conciseParameterDescription, conciseToolDescription, conciseTools, plainText } from '../../generator/ir/from-openapi/concise-text.ts';
import type { ToolIR } from '../../generator/ir/types.ts';

describe('the description policy for plain specs', () => {
  it.each([
    { given: 'A **bold** `code` [link](https://x.test) <br/>text', want: 'A bold code link  text' },
    { given: '## Heading\nBody', want: 'Heading\nBody' },
    { given: 'snake_case_name stays', want: 'snake_case_name stays' },
    { given: 'A __bold__ word', want: 'A bold word' },
    { given: '##  Two spaces', want: 'Two spaces' },
    { given: 'Written in C# for you', want: 'Written in C# for you' },
  ])('plainText: $given', ({ given, want }) => expect(plainText(given)).toBe(want));

  it('drops the sentence that only names the HTTP request and keeps two sentences of the first paragraph', () => {
    const text = 'To create a new CDN endpoint, send a POST request to `/v2/cdn/endpoints`. The\norigin attribute must be set. Optionally, the TTL may be set. A third.\n\nA custom subdomain may be configured.';
    expect(conciseToolDescription(text)).toBe('The origin attribute must be set. Optionally, the TTL may be set.');
  });

  it('moves on to the next paragraph when the first was only a request recipe, and keeps the recipe when nothing else is said', () => {
    expect(conciseToolDescription('To list droplets, send a GET request to `/v2/droplets`.\n\nThe response is paged.')).toBe('The response is paged.');
    expect(conciseToolDescription('Send a GET request to `/v2/account`.')).toBe('Send a GET request to /v2/account.');
  });

  it('keeps a request sentence that names no path, and "e.g." inside a sentence', () => {
    expect(conciseToolDescription('Retries a GET request once. More.')).toBe('Retries a GET request once. More.');
    expect(conciseParameterDescription('A wildcard (e.g. `*.example.com`) covers subdomains. Second sentence.')).toBe('A wildcard (e.g. *.example.com) covers subdomains.');
  });

  it('a parameter keeps its first sentence, plain', () => {
    expect(conciseParameterDescription('The ID of the sink. Sink must be active **now**.')).toBe('The ID of the sink.');
    expect(conciseParameterDescription('')).toBe('');
  });

  it('reads paragraphs apart at an empty line or one of spaces only, and skips one that is empty', () => {
    expect(conciseToolDescription('One.\n\nTwo. Three.')).toBe('One.');
    expect(conciseToolDescription('One.\n  \nTwo. Three.')).toBe('One.');
    expect(conciseToolDescription('\n\nThe response is paged.')).toBe('The response is paged.');
  });

  it('counts a path at the start of a sentence, but not a slash inside a word, as naming the request', () => {
    expect(conciseToolDescription('/v2/account answers a GET request. Returns the account.')).toBe('Returns the account.');
    expect(conciseToolDescription('Sends a GET request and/or a HEAD request. More.')).toBe('Sends a GET request and/or a HEAD request. More.');
  });

  it('collapses and trims white space, and gives nothing for white space alone', () => {
    expect(conciseParameterDescription('  The  id\nof it. More.')).toBe('The id of it.');
    expect(conciseParameterDescription('  ')).toBe('');
    expect(conciseToolDescription('  ')).toBe('');
  });
});

describe('conciseTools', () => {
  const long = 'First sentence. Second **one**. Third.';
  const short = 'First sentence.';

  it('makes the tool description and every description in its schema concise, through properties, items and unions, and nothing else', () => {
    const tool = {
      name: 't',
      description: long,
      inputSchema: {
        type: 'object',
        description: long,
        title: long,
        properties: {
          description: { type: 'string', description: long, default: long, examples: [{ description: long }] },
          list: { type: 'array', items: { type: 'object', properties: { a: { type: 'string', description: long } } } },
          any: { anyOf: [{ type: 'string', description: long }, { type: 'integer', description: long }] },
          one: { oneOf: [{ type: 'string', description: long }] },
          all: { allOf: [{ type: 'object', description: long }] },
          map: { type: 'object', additionalProperties: { type: 'string', description: long } },
          counted: { type: 'string', description: 5 },
          closed: { type: 'object', additionalProperties: false },
        },
      },
      args: [{ name: 'description', schema: { description: long } }],
    } as unknown as ToolIR;
    expect(conciseTools([tool])).toStrictEqual([{
      name: 't',
      description: 'First sentence. Second one.',
      inputSchema: {
        type: 'object',
        description: short,
        title: long,
        properties: {
          description: { type: 'string', description: short, default: long, examples: [{ description: long }] },
          list: { type: 'array', items: { type: 'object', properties: { a: { type: 'string', description: short } } } },
          any: { anyOf: [{ type: 'string', description: short }, { type: 'integer', description: short }] },
          one: { oneOf: [{ type: 'string', description: short }] },
          all: { allOf: [{ type: 'object', description: short }] },
          map: { type: 'object', additionalProperties: { type: 'string', description: short } },
          counted: { type: 'string', description: 5 },
          closed: { type: 'object', additionalProperties: false },
        },
      },
      args: [{ name: 'description', schema: { description: long } }],
    }]);
  });

  it('a schema object shared by tools and places (converted $ref targets are) is made concise at every use, each original apart, the same words once', () => {
    const shared = { type: 'object', description: long, properties: { a: { type: 'string', description: long } } };
    const twin = { type: 'object', description: 'Twin. More.', properties: { a: { type: 'string', description: 'Other. More.' } } };
    const concise = { type: 'object', description: short, properties: { a: { type: 'string', description: short } } };
    const toolWith = (name: string, properties: Record<string, unknown>) => ({ name, description: long, inputSchema: { type: 'object', properties } }) as unknown as ToolIR;
    // Not shared, but the same words; and words of the same length that say something else.
    const sameWords = { type: 'string', description: long };
    const sameLength = { type: 'string', description: 'Other sentence. Second **two**. Third.' };
    const tools = [toolWith('none', {}), toolWith('one', { s: shared }), toolWith('many', { s: shared, list: { type: 'array', items: shared }, twin, sameWords, sameLength })];
    const out = conciseTools(tools).map((tool) => tool.inputSchema['properties']);
    expect(out).toStrictEqual([
      {},
      { s: concise },
      {
        s: concise,
        list: { type: 'array', items: concise },
        twin: { type: 'object', description: 'Twin.', properties: { a: { type: 'string', description: 'Other.' } } },
        sameWords: { type: 'string', description: short },
        sameLength: { type: 'string', description: 'Other sentence.' },
      },
    ]);
    // The originals are untouched, and a second pass gives the same words.
    expect(shared.description).toBe(long);
    expect(conciseTools([tools[2]!])[0]!.inputSchema['properties']).toStrictEqual(out[2]);
  });
});

/** The copy conciseTools made before it copied on write: every schema object and list rebuilt. */
function copiedConcise(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(copiedConcise);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === 'description' && typeof value === 'string') return [key, conciseParameterDescription(value)];
      if (key === 'properties' && typeof value === 'object' && value !== null && !Array.isArray(value)) return [key, Object.fromEntries(Object.entries(value).map(([name, child]) => [name, copiedConcise(child)]))];
      if (['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties'].includes(key)) return [key, copiedConcise(value)];
      return [key, value];
    }),
  );
}

describe('conciseTools copies on write', () => {
  const words = fc.constantFrom('One.', 'One. Two.', 'A **b** c.', 'e.g. x', '', '  ', 'Send a POST request to `/v2/x`. Then.');
  const key = fc.constantFrom('description', 'properties', 'items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', 'type', 'enum', '__proto__', '0', 'title');
  const { schema } = fc.letrec((tie) => ({
    schema: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 1 }),
      words,
      fc.array(tie('schema'), { maxLength: 3 }),
      fc.array(fc.tuple(key, tie('schema')), { maxLength: 5 }).map((entries) => Object.fromEntries(entries)),
      fc.array(fc.tuple(fc.oneof(key, fc.string()), tie('schema')), { maxLength: 4 }).map((entries) => ({ properties: Object.fromEntries(entries), description: 'P. Q.' })),
    ),
  }));

  it('gives JSON equal, key for key in order, to copying everything, and never changes its input', () => {
    fc.assert(
      fc.property(schema, (inputSchema) => {
        const before = JSON.stringify(inputSchema);
        const [tool] = conciseTools([{ name: 't', description: 'T.', inputSchema } as unknown as ToolIR]);
        expect(JSON.stringify(tool!.inputSchema)).toBe(JSON.stringify(copiedConcise(inputSchema)));
        expect(tool!.inputSchema).toStrictEqual(copiedConcise(inputSchema));
        expect(JSON.stringify(inputSchema)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('returns a subtree whose descriptions stay as they are without copying it, and copies the path to one that changes', () => {
    const kept = { type: 'object', properties: { a: { type: 'string', description: 'One.' } }, items: [{ type: 'integer' }] };
    const changed = { type: 'string', description: 'One. Two.' };
    const inputSchema = { type: 'object', properties: { kept, changed } };
    const [tool] = conciseTools([{ name: 't', description: 'T.', inputSchema } as unknown as ToolIR]);
    const properties = tool!.inputSchema['properties'] as Record<string, unknown>;
    expect(properties['kept']).toBe(kept);
    expect(properties['changed']).toStrictEqual({ type: 'string', description: 'One.' });
    expect(tool!.inputSchema).not.toBe(inputSchema);
    expect(changed.description).toBe('One. Two.');
  });
});
