import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layout } from '../../generator/emit/ts/code-layout.ts';
import { zodExpression } from '../../generator/emit/ts/zod-expression.ts';
import { stringFormats } from '../../scripts/simulator/formats.ts';
import { z } from '../../templates/runtime/zod-builder.ts';

/**
 * The generated validators promise to be no looser than the doc-validating simulator for every
 * string format they check (zod-expression.ts): whatever a tool accepts, the simulator accepts, so
 * a call the validator lets through never meets a vendor refusal of its format. Held here by
 * property: zod's check run on well-formed values with hostile characters spliced in anywhere, and
 * on arbitrary text. (format uri broke it: zod's url() trimmed "\r\nX-Injected: 1" into a URI.)
 */

type Check = { safeParse(value: unknown): { success: boolean } };

function emitted(format: string): Check {
  return new Function('z', `return ${layout(zodExpression({ type: 'string', format }))};`)(z) as Check;
}

/** Characters a value may carry that no format allows: whitespace, controls, separators, non-ASCII. */
const HOSTILE = ['\r', '\n', '\r\n', '\t', ' ', '\u0000', '\u001f', '\u007f', '\u00a0', '\u2028', '\ufeff', 'é', '😀', '@', ':', '/', '#', '%', '"', '<', '>'];

/** A well-formed value with up to three hostile pieces spliced in at any positions (or none). */
function spliced(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(valid, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE)), { maxLength: 3 })).map(([value, pieces]) =>
    pieces.reduce((text, [at, piece]) => {
      const cut = at % (text.length + 1);
      return `${text.slice(0, cut)}${piece}${text.slice(cut)}`;
    }, value),
  );
}

const isoDate = fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((date) => date.toISOString());

const WELL_FORMED: Readonly<Record<string, fc.Arbitrary<string>>> = {
  uri: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom('mailto:a@b.io', 'urn:isbn:0451450523', 'X-Injected:1')),
  // fast-check's emailAddress() is RFC 5322 at its widest, which neither side takes; the shapes vendors see:
  email: fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,12}$/), fc.stringMatching(/^[a-z0-9]{1,10}(\.[a-z0-9]{1,10}){0,2}\.[a-z]{2,6}$/)).map(([local, domain]) => `${local}@${domain}`),
  date: isoDate.map((iso) => iso.slice(0, 10)),
  'date-time': isoDate,
};

describe('each format the validators check is no looser than the simulator’s', () => {
  it.each(Object.keys(WELL_FORMED))('format %s: whatever the tool accepts, the simulator accepts', (format) => {
    const check = emitted(format);
    const simulator = stringFormats[format]!;
    fc.assert(
      fc.property(fc.oneof(spliced(WELL_FORMED[format]!), fc.string({ unit: 'binary', maxLength: 40 })), (value) => !check.safeParse(value).success || simulator(value)),
      { numRuns: 3000, seed: 78 },
    );
  });

  it.each(Object.keys(WELL_FORMED))('format %s: the checks are not empty (well-formed values pass both)', (format) => {
    const check = emitted(format);
    const simulator = stringFormats[format]!;
    const accepted = fc.sample(WELL_FORMED[format]!, { numRuns: 200, seed: 7 }).filter((value) => check.safeParse(value).success && simulator(value));
    // fast-check's web URLs and these emails include shapes either side may refuse (`a..b@x.io`); most must pass.
    expect(accepted.length).toBeGreaterThan(150);
  });
});
