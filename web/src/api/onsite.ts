import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseDto, deliveryList, formRangeList, recordingLinkDto } from '@quancheng/contracts';
import { casePath, casesKey } from './cases';
import { api } from './client';
import { documentPath, documentView, uploadScan, type DocumentView } from './documents';
import { recordingsKey } from './recordings';

/**
 * The on-site (tablet) screens of the simplified procedure (A10.1): the officer's pads, linking the
 * AV record, and handing over the 当场处罚决定书 with the party's confirmation.
 */

/** Pads held by this officer with numbers left: their next numbers are offered for the form. */
export function useMyOpenPads(userId: string) {
  return useQuery({
    queryKey: ['form-ranges', 'mine', userId],
    queryFn: ({ signal }) =>
      api('GET', '/api/form-ranges', formRangeList, {
        query: { holderId: userId, open: 'true', formType: 'onspot_decision' },
        signal,
      }),
  });
}

/** Links an AV record to the case for a requirement of the procedure (e.g. `onspot_av`). */
export function useLinkRecording(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recordingId, step }: { recordingId: string; step: string }) =>
      api('POST', `/api/recordings/${encodeURIComponent(recordingId)}/links`, recordingLinkDto, {
        body: { caseId, step },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [...casesKey, 'one', caseId] }),
        queryClient.invalidateQueries({ queryKey: recordingsKey }),
      ]),
  });
}

export interface HandOver {
  /** The form's fields beyond what the case prefills (time, place, provisions, where to pay). */
  fields: Record<string, unknown>;
  /** The party's signature as a PNG. */
  signature: Blob;
  signer: string;
  servedOn: string;
}

/**
 * 当场交付: the file copy of the on-the-spot decision is drafted from the case, completed, issued
 * (with the number printed on the form), the party's signed confirmation attached to it, and its
 * direct service recorded — each a ledgered write of its own, in that order. `onProgress` names
 * the step under way, so a slow network shows where it is.
 */
export function useHandOver(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, onProgress }: { input: HandOver; onProgress: (step: number) => void }) => {
      onProgress(0);
      // A retry after a dropped connection picks up where the last attempt stopped.
      const current = (await api('GET', casePath(caseId), caseDto)).documents
        .filter((d) => d.templateId === 'onspot_decision' && d.state !== 'superseded')
        .at(-1);
      let doc: DocumentView = current
        ? await api('GET', documentPath(current.id), documentView)
        : await api('POST', casePath(caseId, '/documents'), documentView, {
            body: { templateId: 'onspot_decision' },
          });
      onProgress(1);
      if (doc.state === 'draft') {
        doc = await api('PATCH', documentPath(doc.id), documentView, {
          body: { fields: { ...doc.fields, ...input.fields } },
        });
        doc = await api('POST', documentPath(doc.id, '/issue'), documentView);
      }
      onProgress(2);
      if (doc.scans.length === 0) {
        const file = new File([input.signature], '当事人签名确认.png', { type: 'image/png' });
        doc = await uploadScan(doc.id, file);
      }
      onProgress(3);
      const served = await api('GET', documentPath(doc.id, '/deliveries'), deliveryList);
      if (served.effectiveOn === null) {
        await api('POST', documentPath(doc.id, '/deliveries'), deliveryList, {
          body: { method: 'direct', servedOn: input.servedOn, recipient: input.signer },
        });
      }
      onProgress(4);
      return doc;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...casesKey, 'one', caseId] }),
  });
}
