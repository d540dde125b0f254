import { describe, expect, it } from 'vitest';
import { formPairs, queryPairs } from '../../templates/runtime/query-string.ts';
import type { ArgBinding } from '../../templates/runtime/tool-definition.ts';

type Case = { readonly name: string; readonly binding: ArgBinding; readonly value: unknown; readonly want: readonly string[] };

const form = (name: string, explode?: boolean): ArgBinding => ({ in: 'query', name, style: 'form', ...(explode === undefined ? {} : { explode }) });

describe('queryPairs: primitives', () => {
  it.each<Case>([
    { name: 'string', binding: form('q'), value: 'abc', want: ['q=abc'] },
    { name: 'empty string is still sent', binding: form('q'), value: '', want: ['q='] },
    { name: 'integer', binding: form('limit'), value: 25, want: ['limit=25'] },
    { name: 'zero', binding: form('offset'), value: 0, want: ['offset=0'] },
    { name: 'negative decimal', binding: form('lat'), value: -12.5, want: ['lat=-12.5'] },
    { name: 'true', binding: form('archived'), value: true, want: ['archived=true'] },
    { name: 'false', binding: form('archived'), value: false, want: ['archived=false'] },
    { name: 'no style given means form', binding: { in: 'query', name: 'q' }, value: 'x', want: ['q=x'] },
  ])('$name', ({ binding, value, want }) => expect(queryPairs({ binding, value })).toStrictEqual(want));
});

describe('queryPairs: null and undefined send nothing', () => {
  it.each<Case>([
    { name: 'undefined scalar', binding: form('q'), value: undefined, want: [] },
    { name: 'null scalar', binding: form('q'), value: null, want: [] },
    { name: 'null with deepObject', binding: { in: 'query', name: 'filter', style: 'deepObject', explode: true }, value: null, want: [] },
    { name: 'null with pipeDelimited', binding: { in: 'query', name: 'ids', style: 'pipeDelimited', explode: false }, value: null, want: [] },
    {
      name: 'null and undefined properties of a deepObject',
      binding: { in: 'query', name: 'filter', style: 'deepObject', explode: true },
      value: { status: 'open', owner: null, team: undefined },
      want: ['filter%5Bstatus%5D=open'],
    },
    { name: 'null and undefined properties of an exploded form object', binding: form('o', true), value: { a: 1, b: null, c: undefined }, want: ['a=1'] },
    { name: 'null and undefined properties of a non-exploded form object', binding: form('o', false), value: { a: 1, b: null, c: undefined }, want: ['o=a,1'] },
  ])('$name', ({ binding, value, want }) => expect(queryPairs({ binding, value })).toStrictEqual(want));
});

describe('queryPairs: arrays', () => {
  it.each<Case>([
    { name: 'form, explode true repeats the key', binding: form('tag', true), value: ['a', 'b', 'c'], want: ['tag=a', 'tag=b', 'tag=c'] },
    { name: 'form, explode unset defaults to true', binding: form('tag'), value: ['a', 'b'], want: ['tag=a', 'tag=b'] },
    { name: 'form, explode false joins with commas', binding: form('tag', false), value: ['a', 'b', 'c'], want: ['tag=a,b,c'] },
    { name: 'form, explode false, commas inside values are encoded', binding: form('tag', false), value: ['a,b', 'c'], want: ['tag=a%2Cb,c'] },
    { name: 'spaceDelimited joins with %20', binding: { in: 'query', name: 'ids', style: 'spaceDelimited', explode: false }, value: [1, 2, 3], want: ['ids=1%202%203'] },
    { name: 'pipeDelimited joins with |', binding: { in: 'query', name: 'ids', style: 'pipeDelimited', explode: false }, value: [1, 2, 3], want: ['ids=1|2|3'] },
    { name: 'pipeDelimited, pipes inside values are encoded', binding: { in: 'query', name: 'ids', style: 'pipeDelimited', explode: false }, value: ['a|b', 'c'], want: ['ids=a%7Cb|c'] },
    { name: 'exploded empty array sends nothing', binding: form('tag', true), value: [], want: [] },
    { name: 'booleans and numbers in arrays', binding: form('v', true), value: [true, 0, 1.5], want: ['v=true', 'v=0', 'v=1.5'] },
    { name: 'objects inside arrays travel as JSON', binding: form('o', true), value: [{ a: 1 }], want: ['o=%7B%22a%22%3A1%7D'] },
    // Only form arrays repeat the key; an exploded delimited style still joins with its delimiter.
    { name: 'spaceDelimited, explode true, still joins with %20', binding: { in: 'query', name: 'ids', style: 'spaceDelimited', explode: true }, value: [1, 2], want: ['ids=1%202'] },
    { name: 'pipeDelimited, explode unset, still joins with |', binding: { in: 'query', name: 'ids', style: 'pipeDelimited' }, value: [1, 2], want: ['ids=1|2'] },
    { name: 'a deepObject array joins with commas', binding: { in: 'query', name: 'ids', style: 'deepObject', explode: true }, value: ['a', 'b'], want: ['ids=a,b'] },
    { name: 'no style is form', binding: { in: 'query', name: 'tag' }, value: ['a', 'b'], want: ['tag=a', 'tag=b'] },
  ])('$name', ({ binding, value, want }) => expect(queryPairs({ binding, value })).toStrictEqual(want));
});

describe('queryPairs: objects', () => {
  it.each<Case>([
    {
      name: 'deepObject writes name[key]=value, brackets encoded',
      binding: { in: 'query', name: 'filter', style: 'deepObject', explode: true },
      value: { status: 'open', priority: 2 },
      want: ['filter%5Bstatus%5D=open', 'filter%5Bpriority%5D=2'],
    },
    {
      name: 'deepObject nested objects travel as JSON',
      binding: { in: 'query', name: 'filter', style: 'deepObject', explode: true },
      value: { created: { gte: '2024-01-01' } },
      want: ['filter%5Bcreated%5D=%7B%22gte%22%3A%222024-01-01%22%7D'],
    },
    { name: 'form, explode true spreads the properties', binding: form('color', true), value: { R: 100, G: 200, B: 150 }, want: ['R=100', 'G=200', 'B=150'] },
    { name: 'form, explode false flattens to key,value pairs', binding: form('color', false), value: { R: 100, G: 200, B: 150 }, want: ['color=R,100,G,200,B,150'] },
    { name: 'empty object sends nothing when exploded', binding: form('o', true), value: {}, want: [] },
    { name: 'form, explode unset spreads the properties too', binding: form('color'), value: { R: 100, G: 200 }, want: ['R=100', 'G=200'] },
    { name: 'null and undefined properties are left out', binding: form('color', false), value: { R: null, G: 1, B: undefined }, want: ['color=G,1'] },
  ])('$name', ({ binding, value, want }) => expect(queryPairs({ binding, value })).toStrictEqual(want));
});

describe('queryPairs: reserved characters are percent-encoded in keys and values', () => {
  it.each<Case>([
    { name: 'ampersand and equals in a value', binding: form('q'), value: 'a&b=c', want: ['q=a%26b%3Dc'] },
    { name: 'space and hash in a value', binding: form('q'), value: 'x y#z', want: ['q=x%20y%23z'] },
    { name: 'plus and slash in a value', binding: form('q'), value: '1+1/2', want: ['q=1%2B1%2F2'] },
    { name: 'unicode in a value', binding: form('q'), value: 'café 😀', want: ['q=caf%C3%A9%20%F0%9F%98%80'] },
    { name: 'reserved characters in the key', binding: form('a&b=c d#é'), value: 'v', want: ['a%26b%3Dc%20d%23%C3%A9=v'] },
    { name: 'exploded array, reserved characters in key and values', binding: form('t&g', true), value: ['a b', 'c=d'], want: ['t%26g=a%20b', 't%26g=c%3Dd'] },
    {
      name: 'deepObject, reserved characters in property names',
      binding: { in: 'query', name: 'f', style: 'deepObject', explode: true },
      value: { 'a&b': 'x#y', 'é =': 'z' },
      want: ['f%5Ba%26b%5D=x%23y', 'f%5B%C3%A9%20%3D%5D=z'],
    },
    { name: 'exploded form object, reserved characters in property names', binding: form('o', true), value: { 'k&1': 'v=1' }, want: ['k%261=v%3D1'] },
    { name: 'non-exploded form object, reserved characters in property names', binding: form('o', false), value: { 'a,b': 'c d' }, want: ['o=a%2Cb,c%20d'] },
  ])('$name', ({ binding, value, want }) => expect(queryPairs({ binding, value })).toStrictEqual(want));
});

describe('formPairs: bracketed keys for form bodies', () => {
  it.each<{ readonly name: string; readonly prefix: string; readonly value: unknown; readonly want: readonly string[] }>([
    { name: 'scalar', prefix: 'email', value: 'a@b.test', want: ['email=a%40b.test'] },
    { name: 'number zero', prefix: 'amount', value: 0, want: ['amount=0'] },
    { name: 'false', prefix: 'livemode', value: false, want: ['livemode=false'] },
    { name: 'null sends nothing', prefix: 'email', value: null, want: [] },
    { name: 'undefined sends nothing', prefix: 'email', value: undefined, want: [] },
    { name: 'object', prefix: 'metadata', value: { order_id: '6735', tier: 'gold' }, want: ['metadata%5Border_id%5D=6735', 'metadata%5Btier%5D=gold'] },
    { name: 'array of scalars is indexed', prefix: 'expand', value: ['customer', 'invoice'], want: ['expand%5B0%5D=customer', 'expand%5B1%5D=invoice'] },
    {
      name: 'array of objects',
      prefix: 'items',
      value: [{ price: 'p_1', quantity: 2 }, { price: 'p_2' }],
      want: ['items%5B0%5D%5Bprice%5D=p_1', 'items%5B0%5D%5Bquantity%5D=2', 'items%5B1%5D%5Bprice%5D=p_2'],
    },
    { name: 'object nested in object', prefix: 'a', value: { b: { c: 'd' } }, want: ['a%5Bb%5D%5Bc%5D=d'] },
    { name: 'null and undefined members are dropped, false kept', prefix: 'a', value: { b: null, c: undefined, d: false }, want: ['a%5Bd%5D=false'] },
    { name: 'empty object sends nothing', prefix: 'metadata', value: {}, want: [] },
    { name: 'empty array sends nothing', prefix: 'expand', value: [], want: [] },
    { name: 'reserved characters in prefix and value', prefix: 'q&x', value: 'a=b&c d', want: ['q%26x=a%3Db%26c%20d'] },
    { name: 'reserved characters in a nested key', prefix: 'm', value: { 'a b&c': 'é' }, want: ['m%5Ba%20b%26c%5D=%C3%A9'] },
  ])('$name', ({ prefix, value, want }) => expect(formPairs({ prefix, value })).toStrictEqual(want));
});
