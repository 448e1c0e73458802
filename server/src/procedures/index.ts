/** The procedure engine (docs/PROCEDURES.md): definitions as data, pure evaluation. */
export * from './definition';
export type { CaseData, CaseFacts } from './facts';
export type {
  ApprovalDecision,
  ApprovalRecord,
  CaseSnapshot,
  EngineActor,
  EngineOptions,
  Missing,
  MissingCode,
  Verdict,
} from './snapshot';
export { MISSING_CODES } from './snapshot';
export {
  applyTransition,
  availableTransitions,
  currentProcedure,
  evaluateDecision,
  evaluateOverride,
  evaluateProposal,
  evaluateTransition,
  findTransition,
  formatNumber,
  getProcedure,
  listProcedures,
  loadProcedure,
  registerProcedure,
  serviceEffects,
  startCase,
} from './engine';
export type {
  AppliedTransition,
  AvailableTransition,
  CaseStart,
  DecisionVerdict,
  OverrideVerdict,
} from './engine';
export { chainProgress, currentApproval } from './approvals';
export type { ChainProgress } from './approvals';
export { evaluateCondition, olderThan, periodEnd } from './conditions';
export { ROLE_TITLES, TEMPLATE_TITLES, documentTitle, templateTitle } from './messages';
export { ProcedureDefinitionError, fromSteps } from './validate';
export { penaltyV1 } from './penalty.v1';
