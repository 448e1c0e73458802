import { z } from 'zod';
import { roleSchema } from './schemas';
import { isoDate, pageQuery } from './schemas';

/**
 * Enforcement matters (案件) and what runs on them: the procedure's steps and transitions,
 * approvals (审批), statutory deadlines (期限) and the timeline. Shared with the web app.
 * See server/src/modules/cases/README.md.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
type Label = { 'zh-CN': string; en: string };
const label = z.object({ 'zh-CN': z.string(), en: z.string() });

export const CASE_KINDS = ['penalty', 'compulsion', 'levy', 'fee', 'inspection'] as const;
export const caseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof caseKind>;
export const CASE_KIND_LABELS: Record<CaseKind, Label> = {
  penalty: { 'zh-CN': '行政处罚', en: 'Administrative penalty' },
  compulsion: { 'zh-CN': '行政强制', en: 'Administrative compulsion' },
  levy: { 'zh-CN': '行政征收', en: 'Administrative levy' },
  fee: { 'zh-CN': '行政收费', en: 'Administrative fee' },
  inspection: { 'zh-CN': '行政检查', en: 'Administrative inspection' },
};

/** A6.1: where a matter comes from. */
export const CASE_SOURCES = ['inspection', 'complaint', 'report', 'referral'] as const;
export const caseSource = z.enum(CASE_SOURCES);
export type CaseSource = z.infer<typeof caseSource>;
export const CASE_SOURCE_LABELS: Record<CaseSource, Label> = {
  inspection: { 'zh-CN': '日常巡查', en: 'Routine inspection' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
  report: { 'zh-CN': '举报', en: 'Report' },
  referral: { 'zh-CN': '上级交办', en: 'Referral from a superior' },
};

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export const light = z.enum(LIGHTS);
export type Light = z.infer<typeof light>;

export const complainant = z.strictObject({
  name: text(64),
  phone: text(32).nullable().optional(),
  address: text(200).nullable().optional(),
});

/** Registering a matter (登记). The case number comes later, when the case is opened (立案). */
/** Which procedure a penalty matter runs: general (一般程序) or simplified (简易程序, A10.1). */
export const CASE_PROCEDURES = ['general', 'simplified'] as const;
export const caseProcedure = z.enum(CASE_PROCEDURES);
export type CaseProcedure = z.infer<typeof caseProcedure>;

export const caseRegisterInput = z.strictObject({
  kind: caseKind.default('penalty'),
  /** `simplified`: an on-the-spot penalty (A10.1), penalty matters only. */
  procedure: caseProcedure.default('general'),
  source: caseSource,
  receivedOn: isoDate,
  complainant: complainant.nullable().optional(),
  /** An identified party from the directory (当事人); or none yet, with `partyName` as told. */
  partyId: z.uuid().nullable().optional(),
  partyName: text(200).nullable().optional(),
  cause: text(200),
  facts: text(5000),
  violationEndedOn: isoDate.nullable().optional(),
  /** A6.3: whether the complaint came with basic evidence. */
  evidenceProvided: z.boolean(),
  /** A6.3: whether the matter is this bureau's to handle. */
  withinJurisdiction: z.boolean(),
  /** At least two certified officers (A19.2, 行政处罚法 art. 42); the first leads. */
  officerIds: z.array(z.uuid()).min(2).max(10),
  unitId: z.uuid().optional(),
});
export type CaseRegisterInput = z.input<typeof caseRegisterInput>;

/** Facts that change while the matter is handled (e.g. after 补正). Each change is a ledger leaf. */
export const caseUpdateInput = z.strictObject({
  partyId: z.uuid().nullable().optional(),
  partyName: text(200).nullable().optional(),
  cause: text(200).optional(),
  facts: text(5000).optional(),
  violationEndedOn: isoDate.nullable().optional(),
  evidenceProvided: z.boolean().optional(),
  withinJurisdiction: z.boolean().optional(),
  /** A6.4: the facts suggest a crime: the case goes to the police. */
  suspectedCrime: z.boolean().optional(),
  reason: text(500),
});
export type CaseUpdateInput = z.infer<typeof caseUpdateInput>;

export const caseListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  kind: caseKind.optional(),
  stage: z.string().max(64).optional(),
  status: z.enum(['open', 'closed']).optional(),
  unitId: z.uuid().optional(),
  officerId: z.uuid().optional(),
  light: light.optional(),
  sort: z.enum(['updatedAt', 'receivedOn', 'nextDueOn']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const missingDto = z.object({ code: z.string(), ruleId: z.string().optional(), message: label });
export type MissingDto = z.infer<typeof missingDto>;

export const deadlineDto = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string().nullable(),
  regNumber: z.string(),
  periodId: z.string(),
  label,
  source: z.string(),
  trigger: z.string(),
  startedOn: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'met', 'extended', 'cancelled']),
  metAt: z.string().nullable(),
  light: light.nullable(),
  /** Working days left (negative when overdue); null once met. */
  daysLeft: z.number().nullable(),
  warning: label.nullable(),
});
export type DeadlineDto = z.infer<typeof deadlineDto>;

export const caseSummaryDto = z.object({
  id: z.string(),
  kind: caseKind,
  source: caseSource,
  regNumber: z.string(),
  number: z.string().nullable(),
  stage: z.string(),
  stageTitle: label,
  step: z.string(),
  stepTitle: label,
  status: z.enum(['open', 'closed']),
  partyName: z.string().nullable(),
  cause: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  leadOfficerName: z.string(),
  receivedOn: z.string(),
  nextDueOn: z.string().nullable(),
  light: light.nullable(),
  updatedAt: z.string(),
});
export type CaseSummaryDto = z.infer<typeof caseSummaryDto>;

export const caseList = z.object({
  items: z.array(caseSummaryDto),
  /** Counted up to a cap (see `totalExact`): counting a million rows per page view is not free. */
  total: z.number(),
  totalExact: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  abilities: z.object({ register: z.boolean() }),
});
export type CaseList = z.infer<typeof caseList>;

export const approvalDecisionDto = z.object({
  role: roleSchema,
  actorId: z.string(),
  actorName: z.string(),
  decision: z.enum(['approve', 'reject']),
  opinion: z.string(),
  at: z.string(),
});

export const approvalDto = z.object({
  id: z.string(),
  caseId: z.string(),
  caseRegNumber: z.string(),
  caseNumber: z.string().nullable(),
  cause: z.string(),
  partyName: z.string().nullable(),
  transition: z.string(),
  transitionTitle: label,
  chain: z.array(roleSchema),
  nextRole: roleSchema.nullable(),
  state: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  documentId: z.string().nullable(),
  proposedBy: z.string(),
  proposedByName: z.string(),
  proposedAt: z.string(),
  opinion: z.string(),
  decisions: z.array(approvalDecisionDto),
  abilities: z.object({ decide: z.boolean() }),
});
export type ApprovalDto = z.infer<typeof approvalDto>;

export const approvalList = z.object({
  items: z.array(approvalDto),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type ApprovalList = z.infer<typeof approvalList>;
export const approvalListQuery = pageQuery.extend({
  /** `inbox`: waiting for one of my roles; `mine`: proposed by me; `all`: what I may see. */
  box: z.enum(['inbox', 'mine', 'all']).default('inbox'),
  state: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional(),
});
export type ApprovalListQuery = z.infer<typeof approvalListQuery>;

export const proposeInput = z.strictObject({
  opinion: text(2000),
  inputs: z.record(z.string(), z.unknown()).optional(),
});
export type ProposeInput = z.infer<typeof proposeInput>;

export const decideInput = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  opinion: text(2000),
});
export type DecideInput = z.infer<typeof decideInput>;

export const transitionInput = z.strictObject({
  inputs: z.record(z.string(), z.unknown()).optional(),
  /** Only where the procedure allows an exception (agency head, with a reason). */
  override: z.strictObject({ reason: text(1000) }).optional(),
});
export type TransitionInput = z.infer<typeof transitionInput>;

export const transitionDto = z.object({
  id: z.string(),
  title: label,
  to: z.string(),
  toTitle: label,
  ruleIds: z.array(z.string()),
  allowed: z.boolean(),
  /** Whether it needs an approval chain, and where that stands. */
  approval: z
    .object({
      chain: z.array(roleSchema),
      form: z.string().nullable(),
      requestId: z.string().nullable(),
      state: z.enum(['none', 'pending', 'approved', 'rejected']),
    })
    .nullable(),
  documents: z.array(z.object({ templateId: z.string(), title: z.string(), issued: z.boolean() })),
  /** `list`: one item a line; `number`; `date`: YYYY-MM-DD; `person`: a user id (of `role`); `text`. */
  inputs: z.array(
    z.object({
      key: z.string(),
      label,
      required: z.boolean(),
      type: z.enum(['text', 'list', 'number', 'date', 'person']),
      role: roleSchema.nullable(),
    }),
  ),
  missing: z.array(missingDto),
  abilities: z.object({ propose: z.boolean(), perform: z.boolean(), override: z.boolean() }),
});
export type TransitionDto = z.infer<typeof transitionDto>;

export const caseEventDto = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  action: z.string(),
  step: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type CaseEventDto = z.infer<typeof caseEventDto>;

export const caseOfficerDto = z.object({
  userId: z.string(),
  name: z.string(),
  certNo: z.string(),
  position: z.enum(['lead', 'assist']),
});

export const caseDocumentSummary = z.object({
  id: z.string(),
  templateId: z.string(),
  title: z.string(),
  version: z.number(),
  state: z.enum(['draft', 'issued', 'superseded']),
  number: z.string().nullable(),
  issuedAt: z.string().nullable(),
  pdfSha256: z.string().nullable(),
});
export type CaseDocumentSummary = z.infer<typeof caseDocumentSummary>;

export const caseDto = caseSummaryDto.extend({
  procedure: z.object({ id: z.string(), version: z.number(), title: label }),
  partyId: z.string().nullable(),
  complainant: complainant.nullable(),
  facts: z.string(),
  violationEndedOn: z.string().nullable(),
  evidenceProvided: z.boolean(),
  withinJurisdiction: z.boolean(),
  data: z.record(z.string(), z.unknown()),
  officers: z.array(caseOfficerDto),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  deadlines: z.array(deadlineDto),
  transitions: z.array(transitionDto),
  approvals: z.array(approvalDto),
  documents: z.array(caseDocumentSummary),
  timeline: z.array(caseEventDto),
  abilities: z.object({ update: z.boolean(), draft: z.boolean() }),
});
export type CaseDto = z.infer<typeof caseDto>;

// ---------- service of documents (送达, A18) ----------
export const DELIVERY_METHODS = ['direct', 'lien', 'entrusted', 'mail', 'public_notice'] as const;
export const deliveryMethod = z.enum(DELIVERY_METHODS);
export type DeliveryMethod = z.infer<typeof deliveryMethod>;
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, { 'zh-CN': string; en: string }> = {
  direct: { 'zh-CN': '直接送达', en: 'Direct service' },
  lien: { 'zh-CN': '留置送达', en: 'Service by leaving it (lien)' },
  entrusted: { 'zh-CN': '委托送达', en: 'Entrusted service' },
  mail: { 'zh-CN': '邮寄送达', en: 'Service by mail' },
  public_notice: { 'zh-CN': '公告送达', en: 'Service by public notice' },
};

const isoDay = z.iso.date();
export const deliveryInput = z.strictObject({
  method: deliveryMethod,
  /** `failed`: the attempt did not reach the addressee (a public notice needs one first, A18.4). */
  outcome: z.enum(['served', 'failed']).default('served'),
  /** Served at the addressee's home: AV is required (A18.5). */
  atHome: z.boolean().default(false),
  /** The day it was signed for, left, received by mail, or (public notice) published. */
  servedOn: isoDay.nullish(),
  recipient: z.string().trim().min(1).max(100).nullish(),
  witnesses: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  agent: z.string().trim().min(1).max(200).nullish(),
  trackingNumber: z.string().trim().min(1).max(64).nullish(),
  /** Why an attempt failed, or why a public notice was used. */
  reason: z.string().trim().min(1).max(1000).nullish(),
  /** The newspaper or website a public notice appeared in. */
  publication: z.string().trim().min(1).max(200).nullish(),
  /** An AV record of the service, linked to the case. */
  recordingId: z.uuid().nullish(),
  note: z.string().trim().max(1000).nullish(),
});
export type DeliveryInput = z.input<typeof deliveryInput>;

export const deliveryDto = z.object({
  id: z.string(),
  documentId: z.string(),
  method: deliveryMethod,
  outcome: z.enum(['served', 'failed']),
  atHome: z.boolean(),
  servedOn: z.string().nullable(),
  /** The day service took effect (a public notice: 30 days after publication). */
  effectiveOn: z.string().nullable(),
  recipient: z.string().nullable(),
  witnesses: z.array(z.string()),
  agent: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  reason: z.string().nullable(),
  publication: z.string().nullable(),
  recordingId: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export type DeliveryDto = z.infer<typeof deliveryDto>;
export const deliveryList = z.object({
  items: z.array(deliveryDto),
  /** Whether the document goes to someone outside the bureau and so must be served. */
  needsService: z.boolean(),
  /** The first day service took effect, if it has. */
  effectiveOn: z.string().nullable(),
});
export type DeliveryList = z.infer<typeof deliveryList>;

// ---------- completeness (A33.1 supervision; A25.1 upload within 24 hours) ----------
/** A recording that meets a requirement, with how long after the recording ended it was uploaded. */
export const completenessRecording = z.object({
  recordingId: z.string(),
  fileName: z.string(),
  linkedAt: z.string(),
  uploadedAt: z.string(),
  /** When the recording ended (capture end, or start + duration); null when unknown. */
  capturedUntil: z.string().nullable(),
  /** Hours from the recording's end to its upload (one decimal); null when the end is unknown. */
  uploadHours: z.number().nullable(),
  /** A25.1: uploaded more than 24 hours after the matter ended (逾期上传). */
  late: z.boolean(),
});
export type CompletenessRecording = z.infer<typeof completenessRecording>;

export const completenessItem = z.object({
  /** The completed transition (one occurrence of it) the record belongs to. */
  transition: z.string(),
  transitionTitle: label,
  occurrence: z.number().int(),
  doneAt: z.string(),
  kind: z.enum(['document', 'approval', 'recording', 'delivery']),
  ruleId: z.string().nullable(),
  label,
  /** `waived`: an exception granted by the agency head where a rule allows one. */
  status: z.enum(['present', 'missing', 'waived']),
  documentId: z.string().nullable(),
  approvalId: z.string().nullable(),
  recordings: z.array(completenessRecording),
});
export type CompletenessItem = z.infer<typeof completenessItem>;

export const completenessDto = z.object({
  caseId: z.string(),
  complete: z.boolean(),
  missing: z.number().int(),
  lateUploads: z.number().int(),
  items: z.array(completenessItem),
});
export type CompletenessDto = z.infer<typeof completenessDto>;

/** Completeness across cases (A33.1): the case list's page, each case with its counts. */
export const completenessList = z.object({
  items: z.array(
    z.object({
      case: caseSummaryDto,
      complete: z.boolean(),
      missing: z.number().int(),
      lateUploads: z.number().int(),
    }),
  ),
  total: z.number(),
  totalExact: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});
export type CompletenessList = z.infer<typeof completenessList>;

export const deadlineListQuery = pageQuery.extend({
  light: light.optional(),
});
export type DeadlineListQuery = z.infer<typeof deadlineListQuery>;
export const deadlineList = z.object({
  items: z.array(deadlineDto),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type DeadlineList = z.infer<typeof deadlineList>;

export const notificationDto = z.object({
  id: z.string(),
  kind: z.string(),
  level: z.string(),
  caseId: z.string().nullable(),
  deadlineId: z.string().nullable(),
  message: label,
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof notificationDto>;
export const notificationList = z.object({ items: z.array(notificationDto), unread: z.number() });
export type NotificationList = z.infer<typeof notificationList>;

// ---------- documents (文书) ----------
export const templateFieldDto = z.object({
  key: z.string(),
  label,
  type: z.enum(['text', 'textarea', 'date', 'datetime', 'select', 'list', 'number', 'money']),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
});
export type TemplateFieldDto = z.infer<typeof templateFieldDto>;

export const documentTemplateDto = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  numbered: z.boolean(),
  fields: z.array(templateFieldDto),
});
export type DocumentTemplateDto = z.infer<typeof documentTemplateDto>;

export const documentScanDto = z.object({
  id: z.string(),
  sha256: z.string(),
  name: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});

export const documentDto = caseDocumentSummary.extend({
  caseId: z.string(),
  templateVersion: z.number(),
  fields: z.record(z.string(), z.unknown()),
  supersedesId: z.string().nullable(),
  issuedByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  template: documentTemplateDto,
  scans: z.array(documentScanDto),
  abilities: z.object({
    edit: z.boolean(),
    issue: z.boolean(),
    revise: z.boolean(),
    attachScan: z.boolean(),
  }),
});
export type DocumentDto = z.infer<typeof documentDto>;

export const documentCreateInput = z.strictObject({ templateId: z.string().min(1).max(64) });
export const documentUpdateInput = z.strictObject({ fields: z.record(z.string(), z.unknown()) });
export type DocumentUpdateInput = z.infer<typeof documentUpdateInput>;
export const documentReviseInput = z.strictObject({ reason: text(500) });
