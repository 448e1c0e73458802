import {
  LEDGER_LOG_ID,
  PROOF_BUNDLE_FORMAT,
  translate,
  type FindingDto,
  type Lang,
  type LedgerHeadDto,
  type LedgerStatusDto,
  type LedgerSubjectOptions,
  type ProofBundleDto,
  type SubjectVerificationDto,
} from '@quancheng/contracts';
import type { DatabaseConfig } from '../../config';
import { AppError, forbidden } from '../../http/errors';
import { ledgerSubjects } from '../../ledger-subjects';
import { signTreeHead } from '../../ledger/heads';
import { ledgerRepository } from '../../ledger/ledger.repository';
import { ledgerProofs } from '../../ledger/proofs';
import type { SigningKey } from '../../ledger/signing';
import type { LedgerSubjects } from '../../ledger/subjects';
import { verifyLedger, type Finding, type VerifyOptions } from '../../ledger/verify';
import { verifySubjectEntries } from '../../ledger/verify-subject';
import { bytesToHex, headDto } from '../../ledger/verify-primitives';
import type { Actor } from '../../security/actor';
import type { ServiceDeps } from '../../services';
import type { BlobStore } from '../../storage/blob-store';
import { ledgerPolicy } from './ledger.policy';

export function presentFinding(f: Finding, lang: Lang): FindingDto {
  return { kind: f.kind, seq: f.seq, message: translate(f.key, lang, f.params) };
}

export function createLedgerService(
  deps: ServiceDeps,
  extra: {
    key: SigningKey;
    subjects: LedgerSubjects;
    storage: BlobStore;
    /** Lets `verifyAll` check the tree and rows in worker threads with connections of their own. */
    database?: DatabaseConfig;
  },
) {
  const { db, now } = deps;
  const requireVerify = (actor: Actor) => {
    if (!ledgerPolicy.verify(actor)) {
      throw forbidden();
    }
  };

  return {
    signHead: () => signTreeHead(db, extra.key, now),

    async signHeadNow(actor: Actor): Promise<LedgerHeadDto> {
      if (!ledgerPolicy.sign(actor)) {
        throw forbidden();
      }
      const head = await signTreeHead(db, extra.key, now);
      if (!head) {
        throw new AppError(409, 'ledger.no_head');
      }
      return headDto(head);
    },

    async status(actor: Actor): Promise<LedgerStatusDto> {
      requireVerify(actor);
      const [treeSize, head] = await Promise.all([
        ledgerRepository.size(db),
        ledgerRepository.latestHead(db),
      ]);
      return {
        log: LEDGER_LOG_ID,
        treeSize,
        latestHead: head ? headDto(head) : null,
        unsignedLeaves: treeSize - (head?.tree_size ?? 0),
        publicKeyPem: extra.key.publicKeyPem,
        keyId: extra.key.keyId,
        abilities: { sign: ledgerPolicy.sign(actor), verify: true },
      };
    },

    async inclusionProof(actor: Actor, seq: number, treeSize?: number) {
      requireVerify(actor);
      const size = treeSize ?? (await ledgerRepository.size(db));
      if (seq > size) {
        throw new AppError(404, 'not_found');
      }
      const [leaf, path] = await Promise.all([
        ledgerRepository.nodes(db, [{ level: 0, idx: seq - 1 }]),
        ledgerProofs.inclusion(db, seq - 1, size),
      ]);
      return {
        seq,
        leafIndex: seq - 1,
        treeSize: size,
        leafHash: bytesToHex(leaf.get(`0:${seq - 1}`) ?? new Uint8Array(32)),
        inclusionPath: path.map(bytesToHex),
      };
    },

    async consistencyProof(actor: Actor, from: number, to: number) {
      requireVerify(actor);
      if (from > to || to > (await ledgerRepository.size(db))) {
        throw new AppError(404, 'not_found');
      }
      return { from, to, consistencyPath: (await ledgerProofs.consistency(db, from, to)).map(bytesToHex) };
    },

    /**
     * Verifies one subject's record: every entry's event and leaf hash, its inclusion in the
     * latest signed head, the head's signature, and the current row against the latest entry.
     */
    async verifySubject(actor: Actor, type: string, id: string, lang: Lang): Promise<SubjectVerificationDto> {
      requireVerify(actor);
      const entries = await ledgerRepository.entriesOfSubject(db, type, id);
      if (entries.length === 0) {
        throw new AppError(404, 'not_found');
      }
      const head = await ledgerRepository.latestHead(db);
      const { findings, included } = await verifySubjectEntries(db, {
        entries,
        head,
        publicKeyPem: extra.key.publicKeyPem,
        subject: { type, id, loader: extra.subjects.get(type) },
      });
      const actors = await db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('id', 'in', [...new Set(entries.map((e) => e.actor_id ?? ''))])
        .execute();
      const out = entries.map((entry) => ({
        seq: entry.seq,
        at: entry.at,
        action: entry.action,
        actorId: entry.actor_id,
        actorName: actors.find((a) => a.id === entry.actor_id)?.name ?? null,
        included: included.has(entry.seq),
      }));
      return {
        subject: { type, id },
        ok: findings.length === 0,
        checkedAt: now().toISOString(),
        head: head ? headDto(head) : null,
        entries: out,
        findings: findings.map((f) => presentFinding(f, lang)),
      };
    },

    /** Records of a type to pick for verification (supervisors need not hold `user.read`). */
    async searchSubjects(actor: Actor, type: string, q: string): Promise<LedgerSubjectOptions> {
      requireVerify(actor);
      const subject = extra.subjects.get(type);
      return { items: subject ? await subject.search(db, q, 20) : [] };
    },

    /** Everything a court needs to check this subject's entries offline with the verifier. */
    async bundle(actor: Actor, type: string, id: string): Promise<ProofBundleDto> {
      requireVerify(actor);
      const head = await ledgerRepository.latestHead(db);
      const entries = (await ledgerRepository.entriesOfSubject(db, type, id)).filter(
        (e) => head && e.seq <= head.tree_size,
      );
      if (!head || entries.length === 0) {
        throw new AppError(404, 'not_found');
      }
      const withPaths = [];
      for (const entry of entries) {
        const path = await ledgerProofs.inclusion(db, entry.seq - 1, head.tree_size);
        withPaths.push({
          seq: entry.seq,
          leafIndex: entry.seq - 1,
          event: entry.event,
          inclusionPath: path.map(bytesToHex),
        });
      }
      // An export of the record is itself recorded (DESIGN.md §5: evidence viewed or exported).
      await deps.ledger.recordAccess(deps.write, {
        actorId: actor.id,
        action: 'ledger.bundle_exported',
        subject: { type, id },
        detail: { treeSize: head.tree_size, entries: withPaths.length },
      });
      return {
        format: PROOF_BUNDLE_FORMAT,
        log: LEDGER_LOG_ID,
        publicKeyPem: extra.key.publicKeyPem,
        head: headDto(head),
        entries: withPaths,
      };
    },

    verifyAll: (opts: VerifyOptions = {}) =>
      verifyLedger(
        {
          db,
          storage: extra.storage,
          subjects: extra.subjects,
          publicKeyPem: extra.key.publicKeyPem,
          workerSubjects: ledgerSubjects,
          ...(extra.database ? { database: extra.database } : {}),
        },
        opts,
      ),
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
