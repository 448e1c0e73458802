import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  identifierProblem,
  isValidResidentId,
  isValidUscc,
  normaliseIdentifier,
  partyCreateInput,
  partyUpdateInput,
  PROVINCE_CODES,
  residentIdCheckChar,
  residentIdProblem,
  sexFromResidentId,
  translate,
  USCC_CHARSET,
  usccCheckChar,
  usccProblem,
} from './index';

/**
 * Reference implementations written differently from the module's: the USCC weights as powers of
 * 3 mod 31 computed on the fly, and ISO 7064 MOD 11-2 in its recursive form (p = 2·(p + d) mod 11).
 */
function referenceUscc(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const c of first17) {
    sum += USCC_CHARSET.indexOf(c) * weight;
    weight = (weight * 3) % 31;
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}
function referenceResident(first17: string): string {
  let p = 0;
  for (const c of first17) {
    p = ((p + Number(c)) * 2) % 11;
  }
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

const NOW = new Date('2026-11-28T02:00:00Z');
const USCC_CHARS = [...USCC_CHARSET];
const usccBody = fc
  .array(fc.constantFrom(...USCC_CHARS), { minLength: 17, maxLength: 17 })
  .map((a) => a.join(''));
const validUscc = usccBody.map((b) => b + referenceUscc(b));

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const validResidentId = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    area: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2026-11-27T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, area, birth, seq }) => {
    const body = `${province}${pad(area, 4)}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${pad(seq, 3)}`;
    return body + referenceResident(body);
  });

describe('unified social credit code (GB 32100-2015)', () => {
  it('computes the check character as the standard defines it', () => {
    // 9·1 + 1·3 + 3·9 + 3·27 + 0·19 + 1·26 + 0·16 + 6·17 + M(21)·20 + A(10)·29 + 2·25 + 7·13
    // + X(29)·8 + L(20)·24 + P(23)·10 + Q(24)·30 + 0·28 = 2761; 2761 mod 31 = 2; 31 − 2 = 29 → X
    expect(usccCheckChar('91330106MA27XLPQ0')).toBe('X');
    expect(usccCheckChar('91330106MA27XLPQ0')).toBe(referenceUscc('91330106MA27XLPQ0'));
    fc.assert(fc.property(usccBody, (b) => usccCheckChar(b) === referenceUscc(b)));
  });

  it('accepts numbers whose 18th character is the computed check character', () => {
    const body = '91110108MA01C1DE8';
    const full = body + referenceUscc(body);
    expect(isValidUscc(full)).toBe(true);
    fc.assert(fc.property(validUscc, (n) => isValidUscc(n)));
  });

  it('every single-character change of a valid number is refused', () => {
    fc.assert(
      fc.property(
        validUscc,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        (n, i, c) => {
          fc.pre(n.charAt(i) !== c);
          return !isValidUscc(n.slice(0, i) + c + n.slice(i + 1));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('I, O, Z, S and V are not in the charset, wherever they stand', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    for (const bad of 'IOZSV') {
      expect(USCC_CHARSET).not.toContain(bad);
    }
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'IOZSV'), (n, i, c) => {
        const changed = n.slice(0, i) + c + n.slice(i + 1);
        return usccProblem(changed)?.key === 'v.uscc_format';
      }),
    );
  });

  it('names the check character it expected', () => {
    const body = '91330106MA27XLPQ0';
    const right = referenceUscc(body);
    const wrong = right === '1' ? '2' : '1';
    expect(usccProblem(body + wrong)).toEqual({ key: 'v.uscc_check', params: { expected: right } });
    expect(translate('v.uscc_check', 'zh-CN', { expected: right })).toContain(`应为 ${right}`);
    expect(translate('v.uscc_check', 'en', { expected: right })).toContain(`should be ${right}`);
    expect(usccProblem('9133010')?.key).toBe('v.uscc_format');
  });

  it('reads numbers as people paste them: lower case, full width, spaced', () => {
    const body = '91330106MA27XLPQ0';
    const n = body + referenceUscc(body);
    expect(isValidUscc(n.toLowerCase())).toBe(true);
    const fullWidth = [...n].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(normaliseIdentifier(` ${fullWidth}\u3000`)).toBe(n);
    expect(normaliseIdentifier('9133 0106 ma27')).toBe('91330106MA27');
  });
});

describe('resident identity card number (GB 11643-1999)', () => {
  it('the examples of the standard are valid (check digits worked out by hand)', () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → X
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X', NOW)).toBe(true);
    // 4·7+4·9+0+5·5+2·8+4·4+1·2+8·1+8·6+0+0+1·9+0+1·5+0+0+1·2 = 195; 195 mod 11 = 8 → 4
    expect(isValidResidentId('440524188001010014', NOW)).toBe(true);
    fc.assert(fc.property(validResidentId, (n) => isValidResidentId(n, NOW)));
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (b) => residentIdCheckChar(b) === referenceResident(b)),
    );
  });

  it('lower-case x is accepted as X', () => {
    expect(isValidResidentId('11010519491231002x', NOW)).toBe(true);
    expect(
      partyCreateInput.parse({ kind: 'person', name: '张三', identifier: '11010519491231002x' }),
    ).toMatchObject({ identifier: '11010519491231002X' });
  });

  it('every single-character change of a valid number is refused', () => {
    fc.assert(
      fc.property(
        validResidentId,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        (n, i, c) => {
          fc.pre(n.charAt(i) !== c);
          return !isValidResidentId(n.slice(0, i) + c + n.slice(i + 1), NOW);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses an unknown province, an impossible or future birth date, and names the check digit', () => {
    const withCheck = (body: string) => body + referenceResident(body);
    expect(residentIdProblem(withCheck('99010519491231002'), NOW)).toEqual({
      key: 'v.resident_id_region',
      params: { code: '99' },
    });
    expect(residentIdProblem(withCheck('11010519490230002'), NOW)).toEqual({
      key: 'v.resident_id_birth',
      params: { date: '19490230' },
    });
    expect(residentIdProblem(withCheck('11010520261129002'), NOW)).toEqual({
      key: 'v.resident_id_birth_future',
      params: { date: '2026-11-29' },
    });
    // Born today in Shanghai (already 28 November there at 02:00Z) is fine.
    expect(residentIdProblem(withCheck('11010520261128002'), NOW)).toBeNull();
    expect(residentIdProblem('110105194912310021', NOW)).toEqual({
      key: 'v.resident_id_check',
      params: { expected: 'X' },
    });
    expect(residentIdProblem('11010519491231002', NOW)?.key).toBe('v.resident_id_format');
    expect(residentIdProblem('1101051949123100X2', NOW)?.key).toBe('v.resident_id_format');
    expect(translate('v.resident_id_check', 'zh-CN', { expected: 'X' })).toContain('应为 X');
  });

  it('reads the sex from the 17th digit', () => {
    expect(sexFromResidentId('11010519491231002X')).toBe('female');
    expect(sexFromResidentId('440524188001010014')).toBe('male');
    expect(sexFromResidentId('nonsense')).toBeNull();
  });
});

describe('party schemas', () => {
  it('check the shape per kind; the check character is left to identifierProblem', () => {
    const org = partyCreateInput.safeParse({
      kind: 'organisation',
      name: '某公司',
      identifier: '91330106MA27XLPQOX',
    });
    expect(org.success).toBe(false);
    expect(org.error?.issues[0]?.message).toBe('v.uscc_format');
    const person = partyCreateInput.safeParse({ kind: 'person', name: '张三', identifier: '9133010' });
    expect(person.error?.issues[0]?.message).toBe('v.resident_id_format');
    const legalRepOnPerson = partyCreateInput.safeParse({
      kind: 'person',
      name: '张三',
      identifier: '11010519491231002X',
      legalRep: '李四',
    });
    expect(legalRepOnPerson.success).toBe(false);
    expect(identifierProblem('person', '11010519491231002X', NOW)).toBeNull();
    expect(identifierProblem('organisation', '11010519491231002X', NOW)?.key).toBe('v.uscc_check');
  });

  it('an update cannot change the number or the kind', () => {
    expect(partyUpdateInput.safeParse({ identifier: '11010519491231002X' }).success).toBe(false);
    expect(partyUpdateInput.safeParse({ kind: 'person' }).success).toBe(false);
    expect(partyUpdateInput.parse({ name: ' 新名称 ', legalRep: null })).toEqual({
      name: '新名称',
      legalRep: null,
    });
  });
});
