import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unitDto, unitList, type UnitCreateInput, type UnitUpdateInput } from '@quancheng/contracts';
import { api } from './client';
import { meQueryKey } from './query-client';

const unitsKey = ['units'] as const;

export function useUnits(enabled = true) {
  return useQuery({
    queryKey: unitsKey,
    queryFn: ({ signal }) => api('GET', '/api/units', unitList, { signal }),
    enabled,
  });
}

function useInvalidateOrg() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: unitsKey }),
      // Unit names show in the people list and in the header.
      queryClient.invalidateQueries({ queryKey: ['users'] }),
      queryClient.invalidateQueries({ queryKey: meQueryKey }),
    ]);
  };
}

export function useCreateUnit() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (input: UnitCreateInput) => api('POST', '/api/units', unitDto, { body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UnitUpdateInput }) =>
      api('PATCH', `/api/units/${encodeURIComponent(id)}`, unitDto, { body: input }),
    onSuccess: invalidate,
  });
}
