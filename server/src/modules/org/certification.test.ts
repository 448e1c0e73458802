import { describe, expect, it } from 'vitest';
import { isCertifiedOn } from './certification';

const officer = {
  active: 1 as const,
  cert_no: '13020012345',
  cert_valid_from: '2025-01-01',
  cert_valid_to: '2026-11-28',
};

describe('certification', () => {
  it('A3.1 an officer is certified from the first to the last day of the certificate, both inclusive', () => {
    expect(isCertifiedOn(officer, '2024-12-31')).toBe(false);
    expect(isCertifiedOn(officer, '2025-01-01')).toBe(true);
    expect(isCertifiedOn(officer, '2026-11-28')).toBe(true);
    expect(isCertifiedOn(officer, '2026-11-29')).toBe(false);
  });

  it('A3.1 without a certificate number, or when inactive, nobody is certified', () => {
    expect(isCertifiedOn({ ...officer, cert_no: null }, '2026-01-01')).toBe(false);
    expect(isCertifiedOn({ ...officer, cert_valid_to: null }, '2026-01-01')).toBe(false);
    expect(isCertifiedOn({ ...officer, active: 0 }, '2026-01-01')).toBe(false);
  });
});
