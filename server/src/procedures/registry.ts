import type { ProcedureDefinition, ProcedureKind } from './definition';
import { penaltyV1 } from './penalty.v1';
import { penaltyV2 } from './penalty.v2';
import { penaltySimplifiedV1 } from './penalty.simplified';
import { parseProcedure } from './validate';

/**
 * The procedures the server knows, keyed by id and version. A case stores the id and version it
 * was registered under and is always evaluated against that version (`getProcedure`); new cases
 * start under the newest version of their kind (`currentProcedure`). The shipped definitions load
 * when this module is imported, so a broken definition stops the server at start.
 */

/** Validates a definition (zod + cross-checks) and freezes it. Throws ProcedureDefinitionError. */
export function loadProcedure(input: unknown): ProcedureDefinition {
  return deepFreeze(parseProcedure(input));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) {
      deepFreeze(v);
    }
    Object.freeze(value);
  }
  return value;
}

const registry = new Map<string, ProcedureDefinition>();
const key = (id: string, version: number) => `${id}@${version}`;

/**
 * Adds a definition (a bureau's own version, or a test's). A version once registered is never
 * replaced: cases already run under it.
 */
export function registerProcedure(input: unknown): ProcedureDefinition {
  const def = loadProcedure(input);
  if (registry.has(key(def.id, def.version))) {
    throw new Error(`procedure ${key(def.id, def.version)} is already registered; publish a new version`);
  }
  registry.set(key(def.id, def.version), def);
  return def;
}

export function getProcedure(id: string, version: number): ProcedureDefinition | undefined {
  return registry.get(key(id, version));
}

/**
 * The definition new cases of a kind start under: the highest version of the procedure whose id is
 * the kind's name (e.g. `penalty`), or of another procedure of that kind chosen by id (the
 * simplified penalty procedure, `penalty_simplified`).
 */
export function currentProcedure(kind: ProcedureKind, id: string = kind): ProcedureDefinition | undefined {
  let best: ProcedureDefinition | undefined;
  for (const def of registry.values()) {
    if (def.kind === kind && def.id === id && (!best || def.version > best.version)) {
      best = def;
    }
  }
  return best;
}

export function listProcedures(): ProcedureDefinition[] {
  return [...registry.values()];
}

registerProcedure(penaltyV1);
registerProcedure(penaltyV2);
registerProcedure(penaltySimplifiedV1);
