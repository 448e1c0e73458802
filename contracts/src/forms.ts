import { z } from 'zod';

/**
 * Pre-printed numbered forms (预印编号文书, A10.1): the 《当场处罚决定书》 pads officers carry for
 * the simplified procedure. A pad's range is registered before use; each number is accounted for
 * once — used on a case or voided with a reason — so that no number goes missing unexplained.
 * See server/src/modules/forms/README.md.
 */

export const FORM_TYPES = ['onspot_decision'] as const;
export const formType = z.enum(FORM_TYPES);
export type FormType = z.infer<typeof formType>;
export const FORM_TYPE_LABELS: Record<FormType, { 'zh-CN': string; en: string }> = {
  onspot_decision: { 'zh-CN': '当场行政处罚决定书', en: 'On-the-spot penalty decision' },
};

/** A printed number: the series (prefix) and the digits, e.g. `临人社当罚No.000123`. */
export function formatFormNumber(series: string, digits: number, n: number): string {
  return `${series}${String(n).padStart(digits, '0')}`;
}

const MAX_RANGE = 10_000;

export const formRangeInput = z
  .strictObject({
    formType: formType.default('onspot_decision'),
    /** The printed prefix; may be empty. Letters, digits, CJK and `.-No` — no spaces. */
    series: z
      .string()
      .trim()
      .max(30)
      .regex(/^[^\s\d]*$/u, { message: 'form.series_format' })
      .default(''),
    first: z.number().int().min(0).max(99_999_999),
    last: z.number().int().min(0).max(99_999_999),
    /** Printed width of the number (zero-padded). */
    digits: z.number().int().min(1).max(8).default(6),
    unitId: z.uuid().optional(),
    /** The officer the pad is handed to; none: the unit's pad. */
    holderId: z.uuid().nullish(),
    note: z.string().trim().max(500).nullish(),
  })
  .refine((r) => r.last >= r.first, { path: ['last'], message: 'form.range_order' })
  .refine((r) => r.last - r.first < MAX_RANGE, { path: ['last'], message: 'form.range_too_long' })
  .refine((r) => String(r.last).length <= r.digits, { path: ['digits'], message: 'form.range_digits' });
export type FormRangeInput = z.input<typeof formRangeInput>;

export const formVoidInput = z.strictObject({
  number: z.number().int().min(0),
  /** Why the form is void (写错、污损、遗失…): required, it is the explanation of the gap. */
  reason: z.string().trim().min(2).max(500),
});
export type FormVoidInput = z.input<typeof formVoidInput>;

export const formRangeQuery = z.strictObject({
  formType: formType.optional(),
  unitId: z.uuid().optional(),
  holderId: z.uuid().optional(),
  /** Only pads with numbers still free. */
  open: z.enum(['true', 'false']).optional(),
});

export const formNumberDto = z.object({
  number: z.number(),
  display: z.string(),
  status: z.enum(['used', 'voided']),
  caseId: z.string().nullable(),
  caseLabel: z.string().nullable(),
  reason: z.string().nullable(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export type FormNumberDto = z.infer<typeof formNumberDto>;

export const formRangeDto = z.object({
  id: z.string(),
  formType,
  series: z.string(),
  first: z.number(),
  last: z.number(),
  digits: z.number(),
  firstDisplay: z.string(),
  lastDisplay: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  holderId: z.string().nullable(),
  holderName: z.string().nullable(),
  note: z.string().nullable(),
  registeredBy: z.string(),
  registeredAt: z.string(),
  used: z.number(),
  voided: z.number(),
  free: z.number(),
  /** The next number to use (the lowest not accounted for), or null when the pad is used up. */
  next: z.number().nullable(),
  nextDisplay: z.string().nullable(),
  /** Numbers below the highest accounted one that are neither used nor voided: unexplained gaps. */
  gaps: z.array(z.number()),
  /** What the signed-in person may do with this pad (its manager or its holder voids numbers). */
  abilities: z.object({ void: z.boolean() }),
});
export type FormRangeDto = z.infer<typeof formRangeDto>;

export const formRangeList = z.object({
  items: z.array(formRangeDto),
  abilities: z.object({
    /** May register pads (a unit head for the unit, the legal office for every unit). */
    register: z.boolean(),
    /** Registers for any unit, not only one's own. */
    registerAnyUnit: z.boolean(),
    /** Sees every unit's pads (and so may filter by unit). */
    readAllUnits: z.boolean(),
  }),
});
export type FormRangeList = z.infer<typeof formRangeList>;

export const formRangeDetail = formRangeDto.extend({ numbers: z.array(formNumberDto) });
export type FormRangeDetail = z.infer<typeof formRangeDetail>;
