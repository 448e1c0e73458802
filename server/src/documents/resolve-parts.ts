import type { DocumentApproval, DocumentParty } from './context';
import { KIND_LABELS, SEX_LABELS, SOURCE_LABELS, formatDate, formatDateTime, isoDay } from './format';
import type { ResolvedRow } from './resolve';

/** Pieces of the resolver that need no template: the party's rows, approvals, context printing. */

export function partyFacts(p: DocumentParty | undefined): [string, string][] {
  if (!p) {
    return [];
  }
  const sex = p.sex ? SEX_LABELS[p.sex] : '';
  return p.kind === 'organisation'
    ? [
        ['名称', p.name],
        ['统一社会信用代码', p.identifier ?? ''],
        ['法定代表人', p.legalRep ?? ''],
        ['联系电话', p.phone ?? ''],
        ['地址', p.address ?? ''],
      ]
    : [
        ['姓名', p.name],
        ['性别', sex],
        ['身份证号码', p.identifier ?? ''],
        ['联系电话', p.phone ?? ''],
        ['住址', p.address ?? ''],
      ];
}

export function partyRows(party: DocumentParty | undefined, label: string): ResolvedRow[] {
  const f = partyFacts(party);
  if (f.length < 5) {
    return [
      cells([
        [label, true, 1],
        ['', false, 3],
      ]),
    ];
  }
  const at = (i: number) => f[i] ?? ['', ''];
  return [
    cells([
      [`${label}${at(0)[0]}`, true, 1],
      [at(0)[1], false, 1],
      [at(1)[0], true, 1],
      [at(1)[1], false, 1],
    ]),
    cells([
      [at(2)[0], true, 1],
      [at(2)[1], false, 1],
      [at(3)[0], true, 1],
      [at(3)[1], false, 1],
    ]),
    cells([
      [at(4)[0], true, 1],
      [at(4)[1], false, 3],
    ]),
  ];
}

export function partyLines(party: DocumentParty | undefined, label: string): string[] {
  const f = partyFacts(party);
  if (f.length === 0) {
    return [`${label}：`];
  }
  const [first, ...rest] = f;
  return [`${label}：${first?.[1] ?? ''}`, ...rest.filter(([, v]) => v !== '').map(([k, v]) => `${k}：${v}`)];
}

export function cells(list: [string, boolean, number][], minHeight?: number): ResolvedRow {
  return {
    kind: 'cells',
    cells: list.map(([text, label, span]) => ({ text, label, span })),
    ...(minHeight !== undefined ? { minHeight } : {}),
  };
}

export function latestDecision(
  approvals: DocumentApproval[] | undefined,
  role: string,
): DocumentApproval | undefined {
  return (approvals ?? [])
    .filter((a) => a.role === role)
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1);
}

export function printContext(path: string, raw: string): string {
  switch (path) {
    case 'today':
    case 'issueDate':
    case 'case.receivedOn':
    case 'case.violationEndedOn':
      return formatDate(raw);
    case 'case.openedAt':
      return formatDate(isoDay(raw));
    case 'case.source':
      return SOURCE_LABELS[raw as keyof typeof SOURCE_LABELS] ?? raw;
    case 'case.kind':
      return KIND_LABELS[raw as keyof typeof KIND_LABELS] ?? raw;
    case 'party.sex':
      return SEX_LABELS[raw as keyof typeof SEX_LABELS] ?? raw;
    default:
      return path.endsWith('At') ? formatDateTime(raw) : raw;
  }
}

/** Fills `template` with `values` and `context` into the model both renderers draw. */
