import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { paymentList, type PaymentInput } from '@quancheng/contracts';
import { api } from './client';
import { casePath, casesKey } from './cases';

/**
 * A case's fine (A11.2, A11.3): its payments and the account the server computes (due date or
 * approved plan, paid, balance, surcharge). Keyed under the case, so any change to it refreshes.
 */
export function useCasePayments(caseId: string) {
  return useQuery({
    queryKey: [...casesKey, 'one', caseId, 'payments'],
    queryFn: ({ signal }) => api('GET', casePath(caseId, '/payments'), paymentList, { signal }),
  });
}

/** Finance records a payment with its bill; paying in full moves the case on, so all of it is re-read. */
export function useRecordPayment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PaymentInput) =>
      api('POST', casePath(caseId, '/payments'), paymentList, { body: input }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: casesKey }),
        queryClient.invalidateQueries({ queryKey: ['deadlines'] }),
      ]),
  });
}
