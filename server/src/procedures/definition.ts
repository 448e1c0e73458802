import { ROLES } from '@quancheng/contracts';
import { z } from 'zod';

/**
 * The format of a procedure definition (程序): an enforcement kind's stages, steps, transitions,
 * approvals, documents, recordings and deadlines, as data. A bureau changes the data, not the
 * code; `validateProcedure` (validate.ts) checks what zod cannot (references, reachability).
 * docs/PROCEDURES.md describes the format with the penalty intake as the worked example.
 */

export const localized = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localized>;

/** The statutory periods of RULES.md Appendix A, by the calendar module's ids. */
export const PERIOD_IDS = [
  'complaint_acceptance',
  'limitation',
  'investigation',
  'investigation_extension',
  'penalty_decision',
  'preservation_decision',
  'hearing_request',
  'hearing_notice',
  'hearing_report',
  'decision_service',
  'fine_payment',
  /** Not statutory: the date a correction order sets (`data.correctBy`), A11.1. */
  'correction_recheck',
] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];

export const PROCEDURE_KINDS = ['penalty', 'compulsion', 'levy', 'fee', 'inspection'] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

/** `use_form_number`: the transition's `formNumber` input is a pre-printed form's number, used on the case. */
/**
 * `record_fine_account`: the fine account as it stands (balance, surcharge) is recorded into case
 * data — what an unpaid fine's hand-over to compulsion carries (A11.3).
 */
export const EFFECTS = [
  'assign_case_number',
  'close_case',
  'use_form_number',
  'record_fine_account',
] as const;
export type Effect = (typeof EFFECTS)[number];

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'an id is snake_case (a–z, 0–9, _)');
/** A named condition (`beyondLimitation`, `hearingEligible`). */
const conditionName = z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'a condition name is lowerCamelCase');
const ruleId = z.string().regex(/^A\d+(\.\d+)?$/, 'a rule id looks like A6.2');
const role = z.enum(ROLES);
const period = z.enum(PERIOD_IDS);
/** A fact path the conditions read: `case.x`, `party.x` or `data.x` (see CaseFacts in facts.ts). */
const fieldPath = z
  .string()
  .regex(/^(case|party|data)\.[a-zA-Z][a-zA-Z0-9]*$/, 'a field is case.x, party.x or data.x');
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const COMPARE_OPS = [
  'eq',
  'ne',
  'in',
  'present',
  'absent',
  'gte',
  'lte',
  'gt',
  'lt',
  'olderThan',
  'leadTime',
  'notOfficer',
  'isActor',
] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** A calendar length for `olderThan` (years and months count by the corresponding day). */
export interface CalendarPeriod {
  years?: number | undefined;
  months?: number | undefined;
  days?: number | undefined;
}

/** One comparison of a case fact. Exactly one of value/param/period fits each op (validate.ts). */
export interface Comparison {
  field: string;
  op: CompareOp;
  value?: string | number | boolean | (string | number | boolean)[] | undefined;
  /** Compare with `params[param]` of the definition instead of a literal value. */
  param?: string | undefined;
  /** `olderThan`: the length. */
  period?: CalendarPeriod | undefined;
  /** `olderThan`: the date field to measure to (default: the snapshot's `today`); `leadTime`: the event. */
  relativeTo?: string | undefined;
  /**
   * `leadTime`: a statutory period counted back from `relativeTo` (e.g. `hearing_notice`, 7
   * working days): the field's date must fall on or before the period's latest day.
   */
  periodId?: PeriodId | undefined;
}

/** A case-data predicate, as JSON: no code in a definition. `ref` names one of `conditions`. */
export type Condition =
  { all: Condition[] } | { any: Condition[] } | { not: Condition } | { ref: string } | Comparison;

const calendarPeriod = z
  .strictObject({
    years: z.number().int().min(0).optional(),
    months: z.number().int().min(0).optional(),
    days: z.number().int().min(0).optional(),
  })
  .refine((p) => (p.years ?? 0) + (p.months ?? 0) + (p.days ?? 0) > 0, 'a period must not be empty');

const comparison = z.strictObject({
  field: fieldPath,
  op: z.enum(COMPARE_OPS),
  value: z.union([scalar, z.array(scalar).min(1)]).optional(),
  param: z.string().min(1).optional(),
  period: calendarPeriod.optional(),
  relativeTo: fieldPath.optional(),
  periodId: period.optional(),
});

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(condition).min(1) }),
    z.strictObject({ any: z.array(condition).min(1) }),
    z.strictObject({ not: condition }),
    z.strictObject({ ref: conditionName }),
    comparison,
  ]),
);

/** A period a transition starts; `when` limits it to some cases (e.g. complaints only). */
const deadlineStart = z.union([period, z.strictObject({ period, when: condition })]);
export type DeadlineStart = z.infer<typeof deadlineStart>;

const recordingRequirement = z.strictObject({ id, ruleId, label: localized });
export type RecordingRequirement = z.infer<typeof recordingRequirement>;

/** One step in `from`, or every open (non-terminal) step of a stage (e.g. A6.4 transfer). */
const fromItem = z.union([id, z.strictObject({ stage: id })]);
export type FromItem = z.infer<typeof fromItem>;

export const transitionDef = z.strictObject({
  id,
  from: z.array(fromItem).min(1),
  to: id,
  title: localized,
  ruleIds: z.array(ruleId).min(1),
  /** Who may perform the transition, and propose its approval. */
  actors: z.array(role).min(1),
  when: condition.optional(),
  /** What to tell the user when `when` does not hold. Required with `when` (validate.ts). */
  whenMessage: localized.optional(),
  /** Further preconditions, each with its own message, so the user learns which part is missing. */
  guards: z
    .array(z.strictObject({ when: condition, message: localized, ruleId: ruleId.optional() }))
    .optional(),
  approval: z.strictObject({ chain: z.array(role), form: id }).optional(),
  /** Documents that must be ISSUED before the transition completes. */
  documents: z.array(z.strictObject({ templateId: id, ruleId })).optional(),
  /** AV records that must be linked to the case before the transition completes. */
  recordings: z.array(recordingRequirement).optional(),
  /**
   * Values the transition records into case data (`data.<key>`). `list`: non-empty string list;
   * `number`: a finite number; `date`: YYYY-MM-DD; `person`: a user id.
   */
  inputs: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'an input key is lowerCamelCase'),
        label: localized,
        required: z.boolean(),
        type: z.enum(['text', 'list', 'number', 'date', 'person']).default('text'),
        /** `person`: the role the person is chosen from (e.g. the legal office for a hearing). */
        role: role.optional(),
      }),
    )
    .optional(),
  /**
   * Refused while any record the case's completed steps required is missing (the completeness
   * report, A33.1) — e.g. closing the case (A12.1).
   */
  requiresComplete: z.boolean().optional(),
  /** Fixed values the transition writes into case data (`data.<key>`), e.g. a state flag. */
  sets: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a data key is lowerCamelCase'), scalar).optional(),
  startsDeadlines: z.array(deadlineStart).optional(),
  meetsDeadlines: z.array(period).optional(),
  effects: z.array(z.enum(EFFECTS)).optional(),
  /** Only where a rule allows an exception: who may waive what, under which rule. */
  override: z
    .strictObject({
      ruleId,
      roles: z.array(role).min(1),
      covers: z.array(z.enum(['documents', 'recordings'])).min(1),
    })
    .optional(),
});
export type TransitionDef = z.infer<typeof transitionDef>;
export type TransitionInputDef = NonNullable<TransitionDef['inputs']>[number];

export const stepDef = z.strictObject({
  id,
  stage: id,
  title: localized,
  terminal: z.boolean().optional(),
  /** Documents drafted in this step (for the "what to draft here" list). */
  documents: z.array(id).optional(),
  /** AV records expected in this step (informational; requirements sit on transitions). */
  recordings: z.array(recordingRequirement).optional(),
});
export type StepDef = z.infer<typeof stepDef>;

export const procedureSchema = z.strictObject({
  id,
  version: z.number().int().min(1),
  kind: z.enum(PROCEDURE_KINDS),
  title: localized,
  /** Where the data comes from (rule set, date); shown in the admin view. */
  source: z.string().optional(),
  /** Configurable thresholds, read by conditions through `param`. */
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  /** Named conditions, used with `{ ref }` (e.g. A8.3 hearing eligibility). */
  conditions: z.record(conditionName, condition).optional(),
  stages: z.array(z.strictObject({ id, title: localized })).min(1),
  /** Where a registered case starts, and the periods registration starts. */
  initial: z.strictObject({ step: id, startsDeadlines: z.array(deadlineStart).optional() }),
  steps: z.array(stepDef).min(1),
  transitions: z.array(transitionDef),
  /**
   * What the effective service (送达, A18) of an issued document does to the case's deadlines: the
   * periods it meets, and those it starts counted from the day service took effect.
   */
  onService: z
    .array(
      z.strictObject({
        templateId: id,
        meetsDeadlines: z.array(period).optional(),
        startsDeadlines: z.array(deadlineStart).optional(),
      }),
    )
    .optional(),
  /** Number patterns with `{year}` and `{n}` (e.g. 临人社监立〔{year}〕第{n}号). */
  numbers: z.strictObject({ registration: z.string().min(1), case: z.string().min(1) }),
});
export type ProcedureDefinition = z.infer<typeof procedureSchema>;
export type ProcedureInput = z.input<typeof procedureSchema>;
