import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON: the bytes that are hashed, so anyone can recompute them.
 *
 * The maintained `canonicalize` package defines the result. Plain data — strings without lone
 * surrogates, finite numbers, booleans, null, arrays and plain objects, which is what rows and
 * events are — takes a direct path that builds the same text without the package's per-call set,
 * per-character surrogate scan and per-key recursion; a property test holds the two equal.
 * Anything else (a lone surrogate, a `toJSON`, a symbol, a hole, NaN, deep nesting) goes to the
 * package, which also decides what is refused.
 */
export function canonicalJson(value: unknown): string {
  const text = plain(value, 0) ?? canonicalize(value);
  if (text === undefined) {
    throw new Error('value cannot be canonicalised');
  }
  return text;
}

/** A surrogate that is not half of a pair: a string holding one goes to the package, which refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What JSON escapes, and surrogates: a string without any is written as it is, between quotes. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const SPECIAL = /["\\\u0000-\u001f\uD800-\uDFFF]/;

/** A string's canonical text, or undefined when it holds a lone surrogate (which is refused). */
export function canonicalString(value: string): string | undefined {
  if (!SPECIAL.test(value)) {
    return `"${value}"`;
  }
  return LONE_SURROGATE.test(value) ? undefined : JSON.stringify(value);
}

/** Deeper than this is left to the package, which also detects cycles. */
const MAX_DEPTH = 32;

/** The canonical text of plain data, or undefined when the package must decide. */
function plain(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      // ECMAScript's number-to-string, which RFC 8785 §3.2.2.3 adopts.
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      return undefined;
  }
  if (value === null) {
    return 'null';
  }
  if (depth >= MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return undefined;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item = i in value ? plain(value[i], depth + 1) : undefined;
      if (item === undefined) {
        return undefined;
      }
      out += i === 0 ? item : `,${item}`;
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const { keys, names } = shapeOf(record);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const member = record[keys[i] as string];
    if (member === undefined) {
      continue;
    }
    const name = names[i];
    const text = name === undefined ? undefined : plain(member, depth + 1);
    if (text === undefined) {
      return undefined;
    }
    out += out.length === 1 ? name + text : `,${name}${text}`;
  }
  return `${out}}`;
}

/** An object's keys in canonical order, each as its member's name is written (undefined: refused). */
interface Shape {
  keys: string[];
  names: (string | undefined)[];
}

/**
 * Rows of one table have the same keys in the same order, so their sorted keys are kept by that
 * order (the keys joined with U+0000). A list holding U+0000 in a key is never kept, and a kept
 * list matches only one with as many keys: a list with U+0000 inside its keys joins to the same
 * text as a kept one only when it has fewer keys. At most MAX_SHAPES are kept (then begun anew).
 */
const shapes = new Map<string, Shape>();
const MAX_SHAPES = 1024;

/**
 * The last shape and its keys in their own order: rows of one table come one after another, and
 * comparing the keys one by one costs less than joining them to look the list up.
 */
let lastOwn: readonly string[] = [];
let lastShape: Shape | undefined;

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

function shapeOf(record: Record<string, unknown>): Shape {
  const own = Object.keys(record);
  if (lastShape !== undefined && sameKeys(own, lastOwn)) {
    return lastShape;
  }
  lastOwn = own.slice();
  lastShape = sharedShapeOf(own);
  return lastShape;
}

function sharedShapeOf(own: string[]): Shape {
  const joined = own.join('\u0000');
  const known = shapes.get(joined);
  if (known && known.keys.length === own.length) {
    return known;
  }
  // Sorted by UTF-16 code units (RFC 8785 §3.2.3), which is what sort() compares.
  const keys = own.sort();
  const shape = {
    keys,
    names: keys.map((key) => {
      const name = canonicalString(key);
      return name === undefined ? undefined : `${name}:`;
    }),
  };
  if (!keys.some((k) => k.includes('\u0000'))) {
    if (shapes.size >= MAX_SHAPES) {
      shapes.clear();
    }
    shapes.set(joined, shape);
  }
  return shape;
}
