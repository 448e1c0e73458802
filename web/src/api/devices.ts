import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deviceDto,
  deviceList,
  type DeviceCreateInput,
  type DeviceListQuery,
  type DeviceUpdateInput,
} from '@quancheng/contracts';
import { api } from './client';

export type DeviceListParams = Partial<Omit<DeviceListQuery, 'page' | 'pageSize' | 'sort' | 'order'>> &
  Pick<DeviceListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

const devicesKey = ['devices'] as const;

/** One server page of body cameras. */
export function useDevices(params: DeviceListParams, enabled = true) {
  return useQuery({
    queryKey: [...devicesKey, 'list', params],
    queryFn: ({ signal }) => api('GET', '/api/devices', deviceList, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useDeviceMutation<I, R>(request: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: devicesKey }),
        // A newly registered number clears the "unknown device" flag of its recordings.
        queryClient.invalidateQueries({ queryKey: ['recordings'] }),
      ]);
    },
  });
}

export function useCreateDevice() {
  return useDeviceMutation((input: DeviceCreateInput) =>
    api('POST', '/api/devices', deviceDto, { body: input }),
  );
}

export function useUpdateDevice() {
  return useDeviceMutation(({ id, input }: { id: string; input: DeviceUpdateInput }) =>
    api('PATCH', `/api/devices/${encodeURIComponent(id)}`, deviceDto, { body: input }),
  );
}
