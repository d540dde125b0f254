import { describe, expect, it } from 'vitest';
import { integerFlag, listFlag, parseFlags } from '../../templates/runtime/command-line.ts';

const FLAGS = { '--name': 'value', '--list': 'value', '--n': 'value', '--on': 'switch', '-o': 'switch' } as const;
const parsed = (argv: readonly string[]) => {
  const flags = parseFlags({ argv, flags: FLAGS });
  return 'error' in flags ? flags : { values: Object.fromEntries(flags.values), switches: [...flags.switches] };
};

describe('parseFlags', () => {
  it.each<{ readonly given: readonly string[]; readonly want: unknown }>([
    { given: [], want: { values: {}, switches: [] } },
    { given: ['--name', 'a b', '--on', '--list=x,y'], want: { values: { '--name': 'a b', '--list': 'x,y' }, switches: ['--on'] } },
    { given: ['--name='], want: { values: { '--name': '' }, switches: [] } },
    { given: ['--name', '--on'], want: { error: '--name needs a value.' } },
    { given: ['--name'], want: { error: '--name needs a value.' } },
    { given: ['--on=yes'], want: { error: '--on takes no value.' } },
    { given: ['--on', '--on'], want: { error: '--on is given twice.' } },
    { given: ['--nam', 'x'], want: { error: 'Unknown argument "--nam".' } },
    { given: ['extra'], want: { error: 'Unknown argument "extra".' } },
    // Only a --flag takes =value: a short switch with "=" is an unknown word, not the switch with a value.
    { given: ['-o=1'], want: { error: 'Unknown argument "-o=1".' } },
  ])('$given', ({ given, want }) => expect(parsed(given)).toStrictEqual(want));
});

describe('listFlag and integerFlag', () => {
  const flags = (argv: readonly string[]) => parseFlags({ argv, flags: FLAGS }) as Exclude<ReturnType<typeof parseFlags>, { error: string }>;
  it.each<{ readonly given: readonly string[]; readonly want: unknown }>([
    { given: [], want: undefined },
    { given: ['--list', 'a, b ,c'], want: ['a', 'b', 'c'] },
    { given: ['--list', 'a,,b'], want: { error: '--list needs a comma-separated list without empty entries (got "a,,b").' } },
    { given: ['--list', ''], want: { error: '--list needs a comma-separated list without empty entries (got "").' } },
  ])('list $given', ({ given, want }) => expect(listFlag({ flags: flags(given), flag: '--list' })).toStrictEqual(want));

  it.each<{ readonly given: readonly string[]; readonly want: unknown }>([
    { given: [], want: 7 },
    { given: ['--n', '10'], want: 10 },
    { given: ['--n', '11'], want: { error: '--n must be a whole number from 1 to 10 (got "11").' } },
    { given: ['--n', '0x5'], want: { error: '--n must be a whole number from 1 to 10 (got "0x5").' } },
    { given: ['--n', ' 5'], want: { error: '--n must be a whole number from 1 to 10 (got " 5").' } },
  ])('integer $given', ({ given, want }) => expect(integerFlag({ flags: flags(given), flag: '--n', min: 1, max: 10, fallback: 7 })).toStrictEqual(want));
});
