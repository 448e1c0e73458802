/** The roles of DESIGN.md §2. A person may hold several. */
export const ROLES = [
  'officer',
  'unit_head',
  'agency_head',
  'legal',
  'archivist',
  'finance',
  'it_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { 'zh-CN': string; en: string }> = {
  officer: { 'zh-CN': '执法人员', en: 'Enforcement officer' },
  unit_head: { 'zh-CN': '执法单位负责人', en: 'Unit head' },
  agency_head: { 'zh-CN': '行政机关负责人', en: 'Agency head' },
  legal: { 'zh-CN': '法制机构', en: 'Legal affairs' },
  archivist: { 'zh-CN': '档案管理员', en: 'Archivist' },
  finance: { 'zh-CN': '财务', en: 'Finance' },
  it_admin: { 'zh-CN': '信息中心管理员', en: 'IT administrator' },
};
