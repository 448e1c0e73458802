import type { DocumentContext } from './context';

/**
 * A realistic case context: for tests, the demo bureau and anyone trying a template change.
 * Names and numbers are invented.
 */
export function sampleContext(overrides: Partial<DocumentContext> = {}): DocumentContext {
  return {
    agencyName: '临西县人力资源和社会保障局',
    unitName: '劳动保障监察大队',
    case: {
      regNumber: '临人社监登〔2024〕第15号',
      number: '临人社监立〔2024〕第3号',
      kind: 'penalty',
      source: 'complaint',
      cause: '拖欠劳动者工资',
      facts:
        '投诉人赵六反映，临西县恒通建筑工程有限公司自2023年10月起拖欠其工资共计12000元，经多次索要未果。',
      receivedOn: '2024-03-01',
      violationEndedOn: '2021-01-31',
      openedAt: '2024-03-04T02:00:00Z',
    },
    party: {
      kind: 'organisation',
      name: '临西县恒通建筑工程有限公司',
      identifier: '91130535MA0CXXXX1K',
      legalRep: '王五',
      sex: null,
      address: '临西县临西镇建设路88号',
      phone: '0319-8123456',
    },
    complainant: { name: '赵六', phone: '13800000000', address: '临西县东枣园乡某村' },
    officers: [
      { name: '张三', certNo: '13052020001' },
      { name: '李四', certNo: '13052020002' },
    ],
    approvals: [
      { role: 'unit_head', name: '孙七', opinion: '同意。', decision: 'approve', at: '2024-03-04T03:00:00Z' },
    ],
    today: '2024-03-05',
    ...overrides,
  };
}
