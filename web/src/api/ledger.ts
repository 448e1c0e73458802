import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  ledgerHeadDto,
  ledgerStatusDto,
  ledgerSubjectOptions,
  proofBundleDto,
  subjectVerificationDto,
  type LEDGER_SUBJECT_TYPES,
} from '@quancheng/contracts';
import { saveFile } from '../components/save-file';
import { api, apiDownload, type DownloadProgress } from './client';

/** A record the ledger can verify on its own: a person or a unit (cases later). */
export type LedgerSubjectType = (typeof LEDGER_SUBJECT_TYPES)[number];

export interface LedgerSubject {
  type: LedgerSubjectType;
  id: string;
}

const ledgerKey = ['ledger'] as const;
const statusKey = [...ledgerKey, 'status'] as const;

const subjectPath = ({ type, id }: LedgerSubject, suffix: 'verify' | 'bundle') =>
  `/api/ledger/subjects/${encodeURIComponent(type)}/${encodeURIComponent(id)}/${suffix}`;

/** Records of a type that can be verified, searched by name on the server. */
export function useLedgerSubjects(type: LedgerSubjectType, q: string) {
  return useQuery({
    queryKey: [...ledgerKey, 'subjects', type, q],
    queryFn: ({ signal }) =>
      api('GET', `/api/ledger/subjects?type=${type}&q=${encodeURIComponent(q)}`, ledgerSubjectOptions, {
        signal,
      }),
  });
}

/** The ledger's size, its newest signed tree head and the key that signs heads. */
export function useLedgerStatus() {
  return useQuery({
    queryKey: statusKey,
    queryFn: ({ signal }) => api('GET', '/api/ledger/status', ledgerStatusDto, { signal }),
  });
}

/** Signs a tree head over every entry recorded so far (IT centre only). */
export function useSignHead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('POST', '/api/ledger/heads', ledgerHeadDto),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ledgerKey }),
  });
}

/**
 * Verifies one record now. A mutation rather than a query: each click is a fresh check whose
 * answer must never come from a cache.
 */
export function useVerifySubject() {
  return useMutation({
    mutationFn: (subject: LedgerSubject) =>
      api('GET', subjectPath(subject, 'verify'), subjectVerificationDto),
  });
}

/** The name a downloaded proof bundle is saved under. */
export function bundleFileName(subject: LedgerSubject, treeSize: number): string {
  return `quancheng-proof-${subject.type}-${subject.id}-${treeSize}.json`;
}

/**
 * Downloads a record's proof bundle, checks it is one, and saves the exact bytes the server
 * sent. `progress` tracks the download while it runs.
 */
export function useDownloadBundle() {
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async (subject: LedgerSubject) => {
      setProgress({ received: 0, total: null });
      const blob = await apiDownload(subjectPath(subject, 'bundle'), { onProgress: setProgress });
      const bundle = proofBundleDto.parse(JSON.parse(await blob.text()));
      const fileName = bundleFileName(subject, bundle.head.treeSize);
      saveFile(blob, fileName);
      return { fileName, entries: bundle.entries.length };
    },
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}

export const PUBLIC_KEY_FILE_NAME = 'quancheng-ledger-public-key.pem';

/** Saves the key that verifies signed tree heads, for use with verifier/cli.mjs. */
export function savePublicKey(pem: string): void {
  saveFile(new Blob([pem], { type: 'application/x-pem-file' }), PUBLIC_KEY_FILE_NAME);
}
