import { describe, expect, it } from 'vitest';
import type { ProcedureInput } from './definition';
import { penaltyV1 } from './penalty.v1';
import { currentProcedure, getProcedure, loadProcedure, registerProcedure } from './registry';
import { demoProcedure } from './test-fixtures';
import { ProcedureDefinitionError } from './validate';

const clone = (): ProcedureInput => structuredClone(penaltyV1);

function problemsOf(input: unknown): string[] {
  try {
    loadProcedure(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ProcedureDefinitionError);
    return (e as ProcedureDefinitionError).problems;
  }
  throw new Error('the definition loaded');
}

describe('procedure definitions', () => {
  it('the shipped penalty v1 and the demo fixture load, frozen', () => {
    const def = loadProcedure(penaltyV1);
    expect(def.initial.step).toBe('registered');
    expect(Object.isFrozen(def.transitions[0])).toBe(true);
    expect(loadProcedure(demoProcedure).id).toBe('demo');
  });

  it('a transition to an unknown step fails naming it', () => {
    const d = clone();
    d.transitions[0]!.to = 'nowhere';
    expect(problemsOf(d)).toContain('transition "open_case": to "nowhere" is not a step');
  });

  it('a transition from an unknown step or stage fails naming it', () => {
    const d = clone();
    d.transitions[0]!.from = ['limbo', { stage: 'purgatory' }];
    expect(problemsOf(d)).toEqual([
      'transition "open_case": from "limbo" is not a step',
      'transition "open_case": from stage "purgatory" is not a stage',
    ]);
  });

  it('an unreachable step fails naming it', () => {
    const d = clone();
    d.steps.push({ id: 'decided', stage: 'review', title: { 'zh-CN': '已决定', en: 'Decided' } });
    expect(problemsOf(d)).toEqual(['step "decided" is unreachable from the initial step "registered"']);
  });

  it('duplicate ids fail naming them', () => {
    const d = clone();
    d.transitions.push({ ...d.transitions[1]! });
    d.steps.push({ ...d.steps[0]! });
    expect(problemsOf(d)).toEqual([
      'duplicate step id "registered"',
      'duplicate transition id "refuse_limitation"',
    ]);
  });

  it('an empty approval chain fails', () => {
    const d = clone();
    d.transitions[0]!.approval = { chain: [], form: 'filing_approval' };
    expect(problemsOf(d)).toEqual([
      'transition "open_case": the approval chain is empty (name at least one role)',
    ]);
  });

  it('a terminal step with an outgoing transition fails, and so does a missing close_case', () => {
    const d = clone();
    d.transitions[3]!.from = ['not_accepted'];
    d.transitions[1]!.effects = [];
    expect(problemsOf(d)).toEqual([
      'transition "refuse_limitation": leads to terminal step "not_accepted" and must have the effect close_case',
      'transition "supplement_received": leaves terminal step "not_accepted" (a terminal step has no outgoing transitions)',
    ]);
  });

  it('conditions are checked: unknown param, unknown ref, a cycle, a missing message, a bad operand', () => {
    const d = clone();
    d.conditions!.hearingEligible = { field: 'data.fineAmount', op: 'gte', param: 'noSuchParam' };
    d.conditions!.loop = { not: { ref: 'loop' } };
    d.transitions[2]!.whenMessage = undefined;
    d.transitions[4]!.when = { all: [{ ref: 'missing' }, { field: 'data.x', op: 'in', value: 'a' }] };
    expect(problemsOf(d)).toEqual([
      'transition "request_supplement": "when" needs a "whenMessage" saying what is missing',
      'transition "refer_out": condition "missing" is not defined',
      'transition "refer_out": data.x in: needs a list value',
      'condition "hearingEligible": data.fineAmount gte: param "noSuchParam" is not in params',
      'condition "loop" refers to itself (loop → loop)',
    ]);
  });

  it('shape errors name the path', () => {
    const d = clone() as unknown as { transitions: { actors: string[] }[] };
    d.transitions[0]!.actors = ['janitor'];
    const problems = problemsOf(d);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^transitions\.0\.actors\.0: /);
  });

  it('the registry keeps every version; a case keeps its own, new cases take the newest', () => {
    expect(getProcedure('penalty', 1)?.version).toBe(1);
    expect(currentProcedure('penalty')?.version).toBe(2);
    expect(() => registerProcedure(penaltyV1)).toThrow(/already registered; publish a new version/);
    const v3 = clone();
    v3.version = 3;
    v3.params.hearingFinePerson = 10000;
    registerProcedure(v3);
    expect(currentProcedure('penalty')?.params.hearingFinePerson).toBe(10000);
    expect(getProcedure('penalty', 1)?.params.hearingFinePerson).toBe(5000);
    expect(getProcedure('penalty', 2)?.transitions.some((t) => t.id === 'end_investigation')).toBe(true);
    expect(getProcedure('penalty', 1)?.transitions.some((t) => t.id === 'end_investigation')).toBe(false);
    expect(currentProcedure('levy')).toBeUndefined();
  });
});
