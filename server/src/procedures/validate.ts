import type { Comparison, Condition, ProcedureDefinition, TransitionDef } from './definition';
import { procedureSchema } from './definition';

/**
 * Loading a definition: zod for the shape, then what zod cannot see: references between steps,
 * stages, transitions, params and named conditions; reachability; terminal steps. A broken
 * definition fails at load with every problem named, never later on a case.
 */

export class ProcedureDefinitionError extends Error {
  constructor(
    readonly procedure: string,
    readonly problems: string[],
  ) {
    super(`procedure ${procedure} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ProcedureDefinitionError';
  }
}

export function parseProcedure(input: unknown): ProcedureDefinition {
  const parsed = procedureSchema.safeParse(input);
  const name = describe(input);
  if (!parsed.success) {
    throw new ProcedureDefinitionError(
      name,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) {
    throw new ProcedureDefinitionError(name, problems);
  }
  return parsed.data;
}

function describe(input: unknown): string {
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return `${typeof o.id === 'string' ? o.id : '?'}@${typeof o.version === 'number' ? o.version : '?'}`;
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((i) => (seen.has(i) ? true : (seen.add(i), false))))];
}

/** The steps a transition's `from` names, stage wildcards expanded to their open steps. */
export function fromSteps(def: ProcedureDefinition, t: TransitionDef): string[] {
  return t.from.flatMap((f) =>
    typeof f === 'string'
      ? [f]
      : def.steps.filter((s) => s.stage === f.stage && !s.terminal).map((s) => s.id),
  );
}

function crossCheck(def: ProcedureDefinition): string[] {
  const problems: string[] = [];
  const stages = new Set(def.stages.map((s) => s.id));
  const steps = new Map(def.steps.map((s) => [s.id, s]));
  for (const [what, ids] of [
    ['stage', def.stages.map((s) => s.id)],
    ['step', def.steps.map((s) => s.id)],
    ['transition', def.transitions.map((t) => t.id)],
  ] as const) {
    for (const d of duplicates(ids)) {
      problems.push(`duplicate ${what} id "${d}"`);
    }
  }
  for (const s of def.steps) {
    if (!stages.has(s.stage)) {
      problems.push(`step "${s.id}": unknown stage "${s.stage}"`);
    }
  }
  const initial = steps.get(def.initial.step);
  if (!initial) {
    problems.push(`initial step "${def.initial.step}" is not a step`);
  } else if (initial.terminal) {
    problems.push(`initial step "${def.initial.step}" is terminal`);
  }
  for (const c of def.initial.startsDeadlines ?? []) {
    if (typeof c !== 'string') {
      checkCondition(def, c.when, 'initial.startsDeadlines', problems);
    }
  }
  for (const t of def.transitions) {
    checkTransition(def, t, stages, steps, problems);
  }
  for (const [name, c] of Object.entries(def.conditions ?? {})) {
    checkCondition(def, c, `condition "${name}"`, problems);
  }
  checkRefCycles(def, problems);
  for (const [key, pattern] of Object.entries(def.numbers)) {
    if (!pattern.includes('{n}') || !pattern.includes('{year}')) {
      problems.push(`numbers.${key}: the pattern needs {year} and {n}`);
    }
  }
  if (initial && problems.length === 0) {
    const reached = reachable(def);
    for (const s of def.steps) {
      if (!reached.has(s.id)) {
        problems.push(`step "${s.id}" is unreachable from the initial step "${def.initial.step}"`);
      }
    }
  }
  return problems;
}

function checkTransition(
  def: ProcedureDefinition,
  t: TransitionDef,
  stages: Set<string>,
  steps: Map<string, ProcedureDefinition['steps'][number]>,
  problems: string[],
): void {
  const at = `transition "${t.id}"`;
  for (const f of t.from) {
    if (typeof f === 'string') {
      const s = steps.get(f);
      if (!s) {
        problems.push(`${at}: from "${f}" is not a step`);
      } else if (s.terminal) {
        problems.push(`${at}: leaves terminal step "${f}" (a terminal step has no outgoing transitions)`);
      }
    } else if (!stages.has(f.stage)) {
      problems.push(`${at}: from stage "${f.stage}" is not a stage`);
    }
  }
  const to = steps.get(t.to);
  if (!to) {
    problems.push(`${at}: to "${t.to}" is not a step`);
  }
  const closes = t.effects?.includes('close_case') ?? false;
  if (to && Boolean(to.terminal) !== closes) {
    problems.push(
      to.terminal
        ? `${at}: leads to terminal step "${t.to}" and must have the effect close_case`
        : `${at}: has close_case but "${t.to}" is not terminal`,
    );
  }
  if (t.approval && t.approval.chain.length === 0) {
    problems.push(`${at}: the approval chain is empty (name at least one role)`);
  }
  if (t.when && !t.whenMessage) {
    problems.push(`${at}: "when" needs a "whenMessage" saying what is missing`);
  }
  if (t.when) {
    checkCondition(def, t.when, at, problems);
  }
  for (const g of t.guards ?? []) {
    checkCondition(def, g.when, `${at} guard`, problems);
  }
  for (const [what, ids] of [
    ['document', (t.documents ?? []).map((d) => d.templateId)],
    ['recording', (t.recordings ?? []).map((r) => r.id)],
    ['input', (t.inputs ?? []).map((i) => i.key)],
  ] as const) {
    for (const d of duplicates(ids)) {
      problems.push(`${at}: duplicate ${what} "${d}"`);
    }
  }
  for (const c of t.startsDeadlines ?? []) {
    if (typeof c !== 'string') {
      checkCondition(def, c.when, `${at} startsDeadlines`, problems);
    }
  }
  for (const cover of t.override?.covers ?? []) {
    if ((t[cover] ?? []).length === 0) {
      problems.push(`${at}: the override covers ${cover} but the transition requires none`);
    }
  }
}

function checkCondition(def: ProcedureDefinition, c: Condition, at: string, problems: string[]): void {
  if ('all' in c || 'any' in c) {
    for (const x of 'all' in c ? c.all : c.any) {
      checkCondition(def, x, at, problems);
    }
  } else if ('not' in c) {
    checkCondition(def, c.not, at, problems);
  } else if ('ref' in c) {
    if (!def.conditions?.[c.ref]) {
      problems.push(`${at}: condition "${c.ref}" is not defined`);
    }
  } else {
    const problem = checkComparison(def, c);
    if (problem) {
      problems.push(`${at}: ${c.field} ${c.op}: ${problem}`);
    }
  }
}

function checkComparison(def: ProcedureDefinition, c: Comparison): string | undefined {
  if (c.param !== undefined && !(c.param in def.params)) {
    return `param "${c.param}" is not in params`;
  }
  const operands = [c.value !== undefined, c.param !== undefined].filter(Boolean).length;
  switch (c.op) {
    case 'present':
    case 'absent':
    case 'notOfficer':
    case 'isActor':
      return operands > 0 || c.period ? 'takes no value' : undefined;
    case 'leadTime':
      return !c.periodId || !c.relativeTo || operands > 0
        ? 'needs a periodId and relativeTo, no value'
        : undefined;
    case 'olderThan':
      return !c.period || operands > 0 ? 'needs a period and no value' : undefined;
    case 'in':
      return !Array.isArray(c.value) && c.param === undefined ? 'needs a list value' : undefined;
    case 'eq':
    case 'ne':
    case 'gte':
    case 'lte':
    case 'gt':
    case 'lt':
      return operands !== 1 || Array.isArray(c.value) ? 'needs exactly one value or param' : undefined;
  }
}

function refsOf(c: Condition): string[] {
  if ('all' in c) {
    return c.all.flatMap(refsOf);
  }
  if ('any' in c) {
    return c.any.flatMap(refsOf);
  }
  if ('not' in c) {
    return refsOf(c.not);
  }
  return 'ref' in c ? [c.ref] : [];
}

function checkRefCycles(def: ProcedureDefinition, problems: string[]): void {
  const named = def.conditions ?? {};
  const visit = (name: string, path: string[]): void => {
    if (path.includes(name)) {
      problems.push(`condition "${name}" refers to itself (${[...path, name].join(' → ')})`);
      return;
    }
    const c = named[name];
    for (const r of c ? refsOf(c) : []) {
      visit(r, [...path, name]);
    }
  };
  for (const name of Object.keys(named)) {
    visit(name, []);
  }
}

function reachable(def: ProcedureDefinition): Set<string> {
  const seen = new Set([def.initial.step]);
  const queue = [def.initial.step];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const t of def.transitions) {
      if (fromSteps(def, t).includes(s) && !seen.has(t.to)) {
        seen.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return seen;
}
