import { describe, expect, it } from 'vitest';
import { conciseParameterDescription, conciseToolDescription, plainText } from '../../generator/ir/from-openapi/concise-text.ts';

describe('the description policy for plain specs', () => {
  it.each([
    { given: 'A **bold** `code` [link](https://x.test) <br/>text', want: 'A bold code link  text' },
    { given: '## Heading\nBody', want: 'Heading\nBody' },
    { given: 'snake_case_name stays', want: 'snake_case_name stays' },
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
});
