import { z } from 'zod';
import { errorDto, pageQuery } from './schemas';
import type { MessageKey } from './messages';

/**
 * The party directory (当事人): employers identified by their unified social credit code (统一社会
 * 信用代码, GB 32100-2015) and persons by their resident identity card number (居民身份证号, GB
 * 11643-1999). One row per number, reused by every case that concerns the same party.
 */

export const PARTY_KINDS = ['organisation', 'person'] as const;
export const partyKind = z.enum(PARTY_KINDS);
export type PartyKind = z.infer<typeof partyKind>;
export const PARTY_KIND_LABELS: Record<PartyKind, { 'zh-CN': string; en: string }> = {
  organisation: { 'zh-CN': '单位', en: 'Employer' },
  person: { 'zh-CN': '个人', en: 'Person' },
};

export const SEXES = ['male', 'female'] as const;
export const partySex = z.enum(SEXES);
export type PartySex = z.infer<typeof partySex>;
export const SEX_LABELS: Record<PartySex, { 'zh-CN': string; en: string }> = {
  male: { 'zh-CN': '男', en: 'Male' },
  female: { 'zh-CN': '女', en: 'Female' },
};

// ---------- identifiers ----------

/**
 * What people paste: full-width digits and letters from Chinese input methods, spaces between
 * groups, a lower-case x. Trims, removes every space, folds full-width to half-width, upper-cases.
 */
export function normaliseIdentifier(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

/** GB 32100-2015: the 31 characters a USCC may use — digits and capitals without I, O, Z, S, V. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** The weight of position i is 3^i mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character (18th) for the first 17 characters of a USCC, or null if one is not allowed. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) {
    return null;
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) {
      return null;
    }
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** ISO 7064 MOD 11-2 weights (2^(17-i) mod 11) and the check characters by remainder. */
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_CHECK = '10X98765432';
const RESIDENT_SHAPE = /^\d{17}[\dX]$/;

/** The check digit (18th, 0–9 or X) for the first 17 digits of a resident ID, or null if not digits. */
export function residentIdCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) {
    return null;
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17.charAt(i)) * (RESIDENT_WEIGHTS[i] ?? 0);
  }
  return RESIDENT_CHECK.charAt(sum % 11);
}

/**
 * The provinces of GB/T 2260 (the first two digits of a resident ID): the 31 mainland provinces,
 * Taiwan (71), Hong Kong (81), Macao (82), and 83 of the residence permits for Taiwan residents.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15', '21', '22', '23'],
  ...['31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54'],
  ...['61', '62', '63', '64', '65', '71', '81', '82', '83'],
]);

/** What is wrong with an identifier: a message key and the values it names. */
export interface IdentifierProblem {
  key: MessageKey;
  params: Record<string, string>;
}

/** Today's date in Asia/Shanghai (China has no daylight saving): `YYYY-MM-DD`. */
function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function realDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
}

/** Why a (normalised) string is not a USCC, or null when it is one. */
export function usccProblem(s: string): IdentifierProblem | null {
  if (!USCC_SHAPE.test(s)) {
    return { key: 'v.uscc_format', params: {} };
  }
  const expected = usccCheckChar(s.slice(0, 17));
  return expected === s.charAt(17) ? null : { key: 'v.uscc_check', params: { expected: expected ?? '' } };
}

/**
 * Why a (normalised) string is not a resident ID number, or null when it is one: its shape, its
 * province, its birth date (a real day, not after today in Asia/Shanghai), then its check digit.
 */
export function residentIdProblem(s: string, now: Date = new Date()): IdentifierProblem | null {
  if (!RESIDENT_SHAPE.test(s)) {
    return { key: 'v.resident_id_format', params: {} };
  }
  const province = s.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    return { key: 'v.resident_id_region', params: { code: province } };
  }
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!realDate(birth) || birth < '1800-01-01') {
    return { key: 'v.resident_id_birth', params: { date: s.slice(6, 14) } };
  }
  if (birth > shanghaiDate(now)) {
    return { key: 'v.resident_id_birth_future', params: { date: birth } };
  }
  const expected = residentIdCheckChar(s.slice(0, 17));
  return expected === s.charAt(17)
    ? null
    : { key: 'v.resident_id_check', params: { expected: expected ?? '' } };
}

/** The problem of an identifier of this kind (after normalising it), or null. */
export function identifierProblem(
  kind: PartyKind,
  s: string,
  now: Date = new Date(),
): IdentifierProblem | null {
  const n = normaliseIdentifier(s);
  return kind === 'organisation' ? usccProblem(n) : residentIdProblem(n, now);
}

/** A valid unified social credit code (GB 32100-2015), as typed (normalised first). */
export function isValidUscc(s: string): boolean {
  return usccProblem(normaliseIdentifier(s)) === null;
}

/** A valid resident ID number (GB 11643-1999), as typed (normalised first); `x` counts as `X`. */
export function isValidResidentId(s: string, now: Date = new Date()): boolean {
  return residentIdProblem(normaliseIdentifier(s), now) === null;
}

/** The sex a resident ID records: its 17th digit is odd for men, even for women. */
export function sexFromResidentId(s: string): PartySex | null {
  const n = normaliseIdentifier(s);
  if (!RESIDENT_SHAPE.test(n)) {
    return null;
  }
  return Number(n.charAt(16)) % 2 === 1 ? 'male' : 'female';
}

// ---------- schemas ----------

const text = (max: number) => z.string().trim().min(1).max(max);
/** Landlines with extensions (0571-8888 8888 转 123) and mobiles, as people write them. */
const partyPhone = z
  .string()
  .trim()
  .regex(/^[0-9+()（）\- 转]{5,32}$/, 'v.phone');

/**
 * The shape of the number; its check character (and a resident ID's province and birth date) are
 * checked by the service with `identifierProblem`, so the refusal can name the expected character.
 */
const usccField = z
  .string()
  .max(40)
  .transform(normaliseIdentifier)
  .pipe(z.string().regex(USCC_SHAPE, 'v.uscc_format'));
const residentIdField = z
  .string()
  .max(40)
  .transform(normaliseIdentifier)
  .pipe(z.string().regex(RESIDENT_SHAPE, 'v.resident_id_format'));

const common = {
  name: text(100),
  address: text(200).nullable().optional(),
  phone: partyPhone.nullable().optional(),
  note: text(500).nullable().optional(),
};

export const partyCreateInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('organisation'),
    identifier: usccField,
    legalRep: text(50).nullable().optional(),
    ...common,
  }),
  z.strictObject({
    kind: z.literal('person'),
    identifier: residentIdField,
    /** Recorded by the ID number itself; when given it must agree. */
    sex: partySex.nullable().optional(),
    ...common,
  }),
]);
export type PartyCreateInput = z.infer<typeof partyCreateInput>;

/** The number and the kind are the party's identity: a different number is a different party. */
export const partyUpdateInput = z.strictObject({
  name: text(100).optional(),
  legalRep: text(50).nullable().optional(),
  address: text(200).nullable().optional(),
  phone: partyPhone.nullable().optional(),
  note: text(500).nullable().optional(),
});
export type PartyUpdateInput = z.infer<typeof partyUpdateInput>;

export const PARTY_SORT_KEYS = ['name', 'identifier', 'updatedAt'] as const;
export const partyListQuery = pageQuery.extend({
  /** Part of the name, or a whole number (either kind). */
  q: z.string().trim().max(100).optional(),
  kind: partyKind.optional(),
  sort: z.enum(PARTY_SORT_KEYS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type PartyListQuery = z.infer<typeof partyListQuery>;

export const partyLookupQuery = z.object({
  identifier: z.string().max(40).transform(normaliseIdentifier).pipe(z.string().min(1, 'v.required')),
  kind: partyKind.optional(),
});
export type PartyLookupQuery = z.infer<typeof partyLookupQuery>;

export const partyDto = z.object({
  id: z.string(),
  kind: partyKind,
  name: z.string(),
  identifier: z.string(),
  legalRep: z.string().nullable(),
  sex: partySex.nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean() }),
});
export type PartyDto = z.infer<typeof partyDto>;

export const partyList = z.object({
  items: z.array(partyDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  abilities: z.object({ create: z.boolean() }),
});
export type PartyList = z.infer<typeof partyList>;

/** A 409 for a number already registered: the party that holds it, so the caller can use it. */
export const partyConflictDto = errorDto.extend({
  existingId: z.string().optional(),
  existing: partyDto.optional(),
});
export type PartyConflictDto = z.infer<typeof partyConflictDto>;
