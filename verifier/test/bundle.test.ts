import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../bundle.mjs';
import { makeBundle, newKey, signHead, type TestBundle } from './trees';

const bureau = newKey();
const SEQS = [1, 4, 7, 12, 13];
const fresh = (): TestBundle => makeBundle(bureau, 13, SEQS);

/** The bundle with one change applied to a deep copy. */
function altered(change: (b: TestBundle) => void): TestBundle {
  const copy = structuredClone(fresh());
  change(copy);
  return copy;
}

const entry = (b: TestBundle, i: number) =>
  b.entries[i] ?? { seq: 0, leafIndex: 0, event: '', inclusionPath: [] };

describe('proof bundles', () => {
  it('a hand-built bundle over a signed head verifies', () => {
    const report = verifyBundle(fresh(), { publicKeyPem: bureau.publicKeyPem });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.keyId).toBe(bureau.keyId);
    expect(report.head?.treeSize).toBe(13);
    expect(report.entries).toEqual(SEQS.map((seq) => ({ seq, ok: true })));
  });

  it('A36.1 a record altered after the fact is detected: changed event text, path, tree size or signature', () => {
    const cases: [string, (b: TestBundle) => void, RegExp][] = [
      [
        'event text',
        (b) => (entry(b, 1).event = entry(b, 1).event.replace('张三', '李四')),
        /记录 \/ entry 4: .*signed root/,
      ],
      ['one path element', (b) => (entry(b, 2).inclusionPath[1] = 'f'.repeat(64)), /entry 7: .*signed root/],
      ['the head’s tree size', (b) => (b.head.treeSize = 14), /signature is invalid/],
      ['the head’s root hash', (b) => (b.head.rootHash = '0'.repeat(64)), /signature is invalid/],
      [
        'the signature',
        (b) => (b.head.signature = fresh().head.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))),
        /signature is invalid/,
      ],
    ];
    for (const [what, change, problem] of cases) {
      const report = verifyBundle(altered(change), { publicKeyPem: bureau.publicKeyPem });
      expect(report.ok, what).toBe(false);
      expect(report.problems.join('\n'), what).toMatch(problem);
    }
  });

  it('a single changed character anywhere in any event is detected', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SEQS.length - 1 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        (i, at, char) => {
          const bundle = fresh();
          const e = entry(bundle, i);
          const p = at % e.event.length;
          fc.pre(e.event.charAt(p) !== char);
          e.event = e.event.slice(0, p) + char + e.event.slice(p + 1);
          const report = verifyBundle(bundle, { publicKeyPem: bureau.publicKeyPem });
          expect(report.ok).toBe(false);
          expect(report.entries.filter((r) => !r.ok).map((r) => r.seq)).toEqual([e.seq]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a bundle re-signed with another key fails against the bureau’s key and says the keys differ', () => {
    const forger = newKey();
    const forged = makeBundle(forger, 13, SEQS);
    const report = verifyBundle(forged, { publicKeyPem: bureau.publicKeyPem });
    expect(report.ok).toBe(false);
    expect(report.keyId).toBe(bureau.keyId);
    expect(report.problems).toContain(
      '包内嵌的公钥与所提供的公钥不同 / the embedded public key differs from the one supplied',
    );
    expect(report.problems.join('\n')).toMatch(
      `the head names key ${forger.keyId}, the key used is ${bureau.keyId}`,
    );
    expect(report.problems).toContain('树头签名无效 / the tree head signature is invalid');
    // Without the independently obtained key, the forgery is self-consistent: hence --public-key.
    expect(verifyBundle(forged).ok).toBe(true);
  });

  it('the same key written with other line breaks is not reported as different', () => {
    const bundle = altered((b) => (b.publicKeyPem = b.publicKeyPem.replace(/\n/g, '\r\n')));
    expect(verifyBundle(bundle, { publicKeyPem: bureau.publicKeyPem.trim() }).ok).toBe(true);
  });

  it('checks that leafIndex is seq − 1 and lies inside the signed tree', () => {
    const shifted = verifyBundle(altered((b) => (entry(b, 0).leafIndex = 1)));
    expect(shifted.entries[0]).toEqual({
      seq: 1,
      ok: false,
      reason: expect.stringMatching(/not seq − 1/) as string,
    });
    const beyond = verifyBundle(
      altered((b) => {
        b.head = signHead(bureau, 12, b.head.rootHash, b.head.timestamp);
      }),
    );
    expect(beyond.entries.find((e) => e.seq === 13)?.reason).toMatch(/outside tree size 12/);
  });

  it('reports the format, the log name and an empty entry list', () => {
    const report = verifyBundle(
      altered((b) => {
        b.format = 'other/1';
        b.log = 'elsewhere';
        b.entries = [];
      }),
    );
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/format is not quancheng-proof-bundle\/1/);
    expect(report.problems.join('\n')).toMatch(/log is not quancheng/);
    expect(report.problems.join('\n')).toMatch(/contains no entries/);
  });

  it('never throws on malformed bundles and always reports a problem', () => {
    const broken: unknown[] = [
      null,
      'text',
      [],
      {},
      altered((b) => Object.assign(b, { head: null })),
      altered((b) => Object.assign(b, { entries: 'x' })),
      altered((b) => Object.assign(b, { entries: [null, 5] })),
      altered((b) => Object.assign(entry(b, 0), { inclusionPath: ['zz'] })),
      altered((b) => Object.assign(entry(b, 0), { seq: '1' })),
      altered((b) => Object.assign(b.head, { treeSize: '13' })),
      altered((b) => Object.assign(b, { publicKeyPem: 42 })),
    ];
    for (const bundle of broken) {
      const report = verifyBundle(bundle);
      expect(report.ok).toBe(false);
      expect(report.problems.length).toBeGreaterThan(0);
    }
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(verifyBundle(value).ok).toBe(false);
        expect(verifyBundle(value, { publicKeyPem: bureau.publicKeyPem }).ok).toBe(false);
      }),
    );
  });
});
