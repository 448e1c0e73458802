import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isContextPath } from './context';
import { templateSchema, type Block, type Template, type TableRow } from './template';

/**
 * The template registry: every version of every template, loaded from JSON files. The built-in
 * set lives in `templates/`; a bureau's own directory is layered on top (a new version, or a new
 * template). A version, once published, never changes: the same id and version with different
 * content is refused at load, because issued documents were rendered from it.
 */

const BUILT_IN_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

export class TemplateError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`template ${source}: ${problems.join('; ')}`);
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;

/** Problems zod cannot see: references between fields, placeholders and blocks. */
export function templateProblems(t: Template): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const f of t.fields) {
    if (keys.has(f.key)) {
      problems.push(`duplicate field ${f.key}`);
    }
    keys.add(f.key);
    if (f.prefill && !isContextPath(f.prefill)) {
      problems.push(`field ${f.key}: unknown prefill path ${f.prefill}`);
    }
  }
  const known = (name: string) => keys.has(name) || isContextPath(name);
  const listField = (name: string) => t.fields.some((f) => f.key === name && f.type === 'list');
  const checkText = (where: string, text: string | undefined) => {
    for (const m of (text ?? '').matchAll(PLACEHOLDER)) {
      if (!known(m[1] ?? '')) {
        problems.push(`${where}: unknown placeholder {{${m[1]}}}`);
      }
    }
  };
  t.layout.forEach((b, i) =>
    checkBlock(`layout[${i}] ${b.type}`, b, { checkText, known, listField, problems }),
  );
  if (t.layout.some((b) => b.type === 'number') && !t.numberPattern && !t.numberFrom) {
    problems.push('a number block needs a numberPattern or numberFrom');
  }
  if (t.numberPattern && t.numberFrom) {
    problems.push('a template is numbered from a sequence or from a pre-printed form, not both');
  }
  return problems;
}

interface Checks {
  checkText: (where: string, text: string | undefined) => void;
  known: (name: string) => boolean;
  listField: (name: string) => boolean;
  problems: string[];
}

function checkBlock(where: string, b: Block, c: Checks): void {
  switch (b.type) {
    case 'heading':
      c.checkText(where, `${b.agency}${b.title ?? ''}${b.subtitle ?? ''}`);
      return;
    case 'paragraph':
      c.checkText(where, b.text);
      if (b.when && !c.known(b.when)) {
        c.problems.push(`${where}: unknown when ${b.when}`);
      }
      return;
    case 'table':
      b.rows.forEach((r, j) => checkRow(`${where} row ${j}`, r, c));
      return;
    case 'list':
      if (!c.listField(b.field)) {
        c.problems.push(`${where}: ${b.field} is not a list field`);
      }
      c.checkText(where, b.title);
      return;
    case 'signature':
      c.checkText(where, b.agency + b.date);
      return;
    case 'note':
      c.checkText(where, b.text);
      return;
    case 'party':
    case 'officers':
    case 'number':
    case 'spacer':
      return;
  }
}

function checkRow(where: string, r: TableRow, c: Checks): void {
  switch (r.type) {
    case 'field':
      c.checkText(where, r.label + r.value);
      return;
    case 'pair':
      c.checkText(where, r.cells.map((x) => x.label + x.value).join(''));
      return;
    case 'opinion':
      c.checkText(where, r.label);
      if (r.field && !c.known(r.field)) {
        c.problems.push(`${where}: unknown field ${r.field}`);
      }
      return;
    case 'list':
      if (!c.listField(r.field)) {
        c.problems.push(`${where}: ${r.field} is not a list field`);
      }
      return;
    case 'party':
    case 'officers':
      return;
  }
}

/** Parses and checks one template; throws a TemplateError listing every problem. */
export function parseTemplate(input: unknown, source = 'template'): Template {
  const parsed = templateSchema.safeParse(input);
  if (!parsed.success) {
    throw new TemplateError(
      source,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  const problems = templateProblems(parsed.data);
  if (problems.length > 0) {
    throw new TemplateError(source, problems);
  }
  return parsed.data;
}

export interface TemplateRegistry {
  /** The given version, or the newest when `version` is omitted; undefined when unknown. */
  get(id: string, version?: number): Template | undefined;
  /** The newest version of each template, by id. */
  list(): Template[];
  /** Every version of one template, oldest first. */
  versions(id: string): Template[];
}

interface Entry {
  template: Template;
  json: string;
  source: string;
}

/** Loads `*.json` templates from the built-in directory, then from each of `dirs` in order. */
export function createTemplateRegistry(dirs: string[] = []): TemplateRegistry {
  const byId = new Map<string, Map<number, Entry>>();
  for (const dir of [BUILT_IN_DIR, ...dirs]) {
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const source = join(dir, name);
      const template = parseTemplate(JSON.parse(readFileSync(source, 'utf8')), source);
      const json = JSON.stringify(template);
      const versions = byId.get(template.id) ?? new Map<number, Entry>();
      const existing = versions.get(template.version);
      if (existing && existing.json !== json) {
        throw new TemplateError(source, [
          `${template.id} v${template.version} already published by ${existing.source}; add a new version instead`,
        ]);
      }
      versions.set(template.version, { template, json, source });
      byId.set(template.id, versions);
    }
  }
  const sorted = (id: string) =>
    [...(byId.get(id)?.values() ?? [])].map((e) => e.template).sort((a, b) => a.version - b.version);
  return {
    get: (id, version) => (version === undefined ? sorted(id).at(-1) : byId.get(id)?.get(version)?.template),
    list: () => [...byId.keys()].sort().flatMap((id) => sorted(id).slice(-1)),
    versions: sorted,
  };
}

let builtIn: TemplateRegistry | undefined;
const registry = () => (builtIn ??= createTemplateRegistry());

/** A built-in template; the newest version unless `version` is given (a document keeps its own). */
export function getTemplate(id: string, version?: number): Template | undefined {
  return registry().get(id, version);
}

/** The newest version of every built-in template. */
export function listTemplates(): Template[] {
  return registry().list();
}
