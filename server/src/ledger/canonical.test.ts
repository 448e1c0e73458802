import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';

/** What the maintained package makes of a value: its text, or that it refuses it. */
function reference(value: unknown): string {
  try {
    return canonicalize(value) ?? 'refused';
  } catch {
    return 'refused';
  }
}

function ours(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch {
    return 'refused';
  }
}

/** Strings of any UTF-16 code units: escapes, control characters, pairs and lone surrogates. */
const anyString = fc.string({ unit: 'binary' });
/** Single code units JSON escapes or that need care: quotes, controls, separators, surrogates. */
const weirdUnit = fc.constantFrom(
  '"',
  '\\',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u2028',
  '\ud800',
  '\udc00',
  'é',
  '😀',
  '𠀋',
  'a',
);
const weird = fc.string({ unit: weirdUnit });

describe('canonical JSON (RFC 8785)', () => {
  it('A36.1 is the maintained package’s text for any JSON value, or refused where it refuses', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.jsonValue({ stringUnit: 'grapheme' }),
          fc.jsonValue({ stringUnit: 'binary' }),
          fc.jsonValue({ stringUnit: weirdUnit }),
        ),
        (value) => {
          expect(ours(value)).toBe(reference(value));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('A36.1 agrees with the package on values that are not plain data', () => {
    const anything = fc.anything({
      key: fc.oneof(anyString, weird),
      values: [
        anyString,
        weird,
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
      ],
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withObjectString: true,
      maxDepth: 4,
    });
    fc.assert(
      fc.property(anything, (value) => {
        expect(ours(value)).toBe(reference(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('A36.1 objects of one shape, of the same keys in another order, or whose keys join alike, each get their own text', () => {
    // The sorted keys are kept per shape; each value below would be wrong if a kept shape were
    // found for it by mistake, or if a value's type were taken from the shape.
    for (const value of [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { 'a\u0000b': 1 },
      { 'a\u0000': 1, b: 2 },
      { a: 1, '\u0000b': 2 },
    ]) {
      expect(ours(value)).toBe(reference(value));
    }
    const keysOf = fc.uniqueArray(
      fc.oneof(fc.constantFrom('a', 'b', '\u0000', 'a\u0000', '\u0000b', 'a\u0000b'), weird),
      {
        maxLength: 4,
      },
    );
    fc.assert(
      fc.property(
        fc.array(
          keysOf.chain((keys) =>
            fc
              .array(fc.tuple(...keys.map(() => fc.jsonValue())), { minLength: 1, maxLength: 3 })
              .map((rows) => rows.map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]])))),
          ),
          { maxLength: 6 },
        ),
        (groups) => {
          for (const value of groups.flat()) {
            expect(ours(value)).toBe(reference(value));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('A36.1 rows and events as the ledger writes them keep their exact text', () => {
    const row = fc.record({
      id: fc.uuid(),
      name: fc.oneof(anyString, weird),
      code: fc.option(fc.string()),
      active: fc.constantFrom(0, 1),
      amount: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      created_at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    });
    fc.assert(
      fc.property(row, fc.nat(), (r, seq) => {
        const event = {
          seq,
          actor: null,
          action: 'unit.created',
          subject: { type: 'unit', id: r.id },
          row: r,
        };
        expect(ours(r)).toBe(reference(r));
        expect(ours(event)).toBe(reference(event));
      }),
      { numRuns: 2000 },
    );
  });

  it('A36.1 deep and circular values are left to the package', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) {
      deep = { [`k${i}`]: [deep] };
    }
    expect(ours(deep)).toBe(reference(deep));
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    expect(() => canonicalJson(circular)).toThrow();
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ s: '\ud800' })).toThrow();
    expect(() => canonicalJson({ s: 'a\udc00' })).toThrow();
    expect(() => canonicalJson({ '\ud800': 1 })).toThrow();
    expect(canonicalJson({ s: '😀', b: [1, 'x', null, true, -0, 1e21] })).toBe(
      '{"b":[1,"x",null,true,0,1e+21],"s":"😀"}',
    );
  });
});
