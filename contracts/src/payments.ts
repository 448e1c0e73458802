import { z } from 'zod';
import { isoDate } from './schemas';

/**
 * Fines (罚款): the payments finance records with their receipts (A11.3), and the fine account
 * the server computes from the decision, its service, an approved deferral or instalment plan
 * (A11.2) and the payments — with the late-payment surcharge (加处罚款, 行政处罚法 art. 72).
 * Amounts are integer fen (分) so that no sum is ever off by a float's rounding.
 */

/** A scan of the receipt: PDF, JPEG or PNG, as base64; the bytes are checked against the type. */
export const RECEIPT_SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** 10 MB of bytes; base64 makes the request about a third larger. */
export const RECEIPT_SCAN_MAX_BYTES = 10 * 1024 * 1024;

export const paymentInput = z.strictObject({
  /** The day the money was paid (the bill's date). */
  paidOn: isoDate,
  /** Fen (分): 1,234.50 yuan is 123450. */
  amountFen: z.number().int().min(1).max(100_000_000_000),
  /** The provincial non-tax revenue bill number (非税收入一般缴款书 / 统一票据号). */
  receiptNumber: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^\r\n\t]+$/, 'v.invalid_format'),
  note: z.string().trim().max(500).nullish(),
  receiptScan: z
    .strictObject({
      fileName: z.string().trim().min(1).max(200),
      contentType: z.enum(RECEIPT_SCAN_TYPES),
      /** The file's bytes, base64. */
      dataBase64: z
        .string()
        .min(4)
        .max(Math.ceil(RECEIPT_SCAN_MAX_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'v.invalid_format'),
    })
    .nullish(),
});
export type PaymentInput = z.input<typeof paymentInput>;

export const paymentDto = z.object({
  id: z.string(),
  caseId: z.string(),
  paidOn: z.string(),
  amountFen: z.number().int(),
  receiptNumber: z.string(),
  note: z.string().nullable(),
  receiptScan: z
    .object({ sha256: z.string(), name: z.string(), mime: z.string(), sizeBytes: z.number().int() })
    .nullable(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export type PaymentDto = z.infer<typeof paymentDto>;

/** One due date of the account: the 15-day due date, a deferred date, or one instalment. */
export const fineInstalmentDto = z.object({
  dueOn: z.string(),
  amountFen: z.number().int(),
  paidFen: z.number().int(),
  balanceFen: z.number().int(),
  /** Calendar days after the due date the unpaid part has run (to today, or to its payment). */
  overdueDays: z.number().int(),
  surchargeFen: z.number().int(),
});
export type FineInstalmentDto = z.infer<typeof fineInstalmentDto>;

export const fineAccountDto = z.object({
  fineFen: z.number().int(),
  /** The day service of the decision took effect (the payment period runs from it). */
  servedOn: z.string().nullable(),
  /** `due`: the 15 days of 行政处罚法 art. 67; `deferral` / `instalments`: an approved plan (A11.2). */
  basis: z.enum(['none', 'due', 'deferral', 'instalments']),
  schedule: z.array(fineInstalmentDto),
  paidFen: z.number().int(),
  /** Fine not yet paid. */
  principalBalanceFen: z.number().int(),
  /** 加处罚款: 3 % of the overdue amount a day, at most the fine (行政处罚法 art. 72). */
  surchargeFen: z.number().int(),
  /** Fine and surcharge still owed. */
  balanceFen: z.number().int(),
  overdue: z.boolean(),
  paidInFull: z.boolean(),
  asOf: z.string(),
});
export type FineAccountDto = z.infer<typeof fineAccountDto>;

export const paymentList = z.object({
  items: z.array(paymentDto),
  /** Null when the case imposes no fine. */
  account: fineAccountDto.nullable(),
  /** What was owed when an unpaid fine went to compulsion (A11.3), if it did. */
  handover: z
    .object({
      on: z.string(),
      principalBalanceFen: z.number().int(),
      surchargeFen: z.number().int(),
      balanceFen: z.number().int(),
    })
    .nullable(),
  abilities: z.object({ record: z.boolean() }),
});
export type PaymentList = z.infer<typeof paymentList>;
