import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  recordingDto,
  recordingHistory,
  recordingList,
  type RecordingCorrectionInput,
  type RecordingDto,
  type RecordingListQuery,
} from '@quancheng/contracts';
import { api } from './client';

/** The list's query as the page keeps it: every filter optional, paging and sorting set. */
export type RecordingListParams = Partial<Omit<RecordingListQuery, 'page' | 'pageSize' | 'sort' | 'order'>> &
  Pick<RecordingListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

export const recordingsKey = ['recordings'] as const;

export const recordingPath = (id: string, suffix = '') =>
  `/api/recordings/${encodeURIComponent(id)}${suffix}`;

/** Where the browser plays, shows and downloads a recording's bytes (same origin, session cookie). */
export const recordingUrls = (id: string) => ({
  stream: recordingPath(id, '/stream'),
  poster: recordingPath(id, '/poster'),
  original: recordingPath(id, '/original'),
});

/** A poster or proxy job still running: the page polls until it is done or failed. */
export function hasPendingJob(recording: RecordingDto): boolean {
  return recording.poster.state === 'pending' || recording.proxy.state === 'pending';
}

/** One server page of recordings; the previous page stays on screen while the next one loads. */
export function useRecordings(params: RecordingListParams) {
  return useQuery({
    queryKey: [...recordingsKey, 'list', params],
    queryFn: ({ signal }) => api('GET', '/api/recordings', recordingList, { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    // Thumbnails appear as their jobs finish.
    refetchInterval: (query) => (query.state.data?.items.some(hasPendingJob) ? 5000 : false),
  });
}

/** One recording; polled every 2 s while its poster or browser copy is being made. */
export function useRecording(id: string) {
  return useQuery({
    queryKey: [...recordingsKey, 'one', id],
    queryFn: ({ signal }) => api('GET', recordingPath(id), recordingDto, { signal }),
    refetchInterval: (query) => (query.state.data && hasPendingJob(query.state.data) ? 2000 : false),
  });
}

export function useRecordingHistory(id: string) {
  return useQuery({
    queryKey: [...recordingsKey, 'history', id],
    queryFn: ({ signal }) => api('GET', recordingPath(id, '/history'), recordingHistory, { signal }),
  });
}

/** A metadata correction: a new ledger leaf; the history keeps what it replaced. */
export function useCorrectRecording(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordingCorrectionInput) =>
      api('PATCH', recordingPath(id), recordingDto, { body: input }),
    onSuccess: async (updated) => {
      queryClient.setQueryData([...recordingsKey, 'one', id], updated);
      await queryClient.invalidateQueries({ queryKey: recordingsKey });
    },
  });
}
