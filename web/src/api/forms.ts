import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  formRangeDetail,
  formRangeList,
  type FormRangeDetail,
  type FormRangeInput,
  type FormType,
  type FormVoidInput,
} from '@quancheng/contracts';
import { api } from './client';

/**
 * Pads of pre-printed numbered forms (预印编号, A10.1). Every query lives under `form-ranges`, so a
 * registration or a void also refreshes the pads the on-site screens offer.
 */
export const formRangesKey = ['form-ranges'] as const;

export interface FormRangeParams {
  formType?: FormType;
  unitId?: string;
  holderId?: string;
  /** Only pads with numbers still free. */
  open?: boolean;
}

const rangePath = (id: string, suffix = '') => `/api/form-ranges/${encodeURIComponent(id)}${suffix}`;

/** The pads the user may see, each with its counts, next number and gaps. */
export function useFormRanges(params: FormRangeParams = {}) {
  return useQuery({
    queryKey: [...formRangesKey, 'list', params],
    queryFn: ({ signal }) =>
      api('GET', '/api/form-ranges', formRangeList, {
        query: { ...params, open: params.open ? 'true' : undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** One pad with every number accounted for in it; idle while no pad is chosen. */
export function useFormRange(id: string | null) {
  return useQuery({
    queryKey: [...formRangesKey, 'one', id],
    queryFn: ({ signal }) => api('GET', rangePath(id ?? ''), formRangeDetail, { signal }),
    enabled: id !== null,
  });
}

function useFormRangeMutation<I>(request: (input: I) => Promise<FormRangeDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: formRangesKey }),
  });
}

/** 登记编号段: a pad handed to the unit or one of its officers. */
export function useRegisterFormRange() {
  return useFormRangeMutation((input: FormRangeInput) =>
    api('POST', '/api/form-ranges', formRangeDetail, { body: input }),
  );
}

/** 作废编号: a spoiled or lost form, accounted for with its reason. */
export function useVoidFormNumber() {
  return useFormRangeMutation(({ id, input }: { id: string; input: FormVoidInput }) =>
    api('POST', rangePath(id, '/voids'), formRangeDetail, { body: input }),
  );
}
