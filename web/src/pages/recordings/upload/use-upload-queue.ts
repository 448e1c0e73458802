import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../../../api/query-client';
import { startUpload, type UploadFailure, type UploadHandle } from '../../../api/uploads';

/**
 * queued → uploading ⇄ paused; uploading → retrying (network) → uploading; all bytes sent →
 * processing (the server checks and stores the file) → done | refused; retries exhausted →
 * interrupted, which the user resumes by hand.
 */
export type UploadStatus =
  'queued' | 'uploading' | 'retrying' | 'paused' | 'processing' | 'done' | 'refused' | 'interrupted';

export interface UploadItem {
  key: string;
  file: File;
  status: UploadStatus;
  sent: number;
  total: number;
  /** Set when a previous, unfinished upload of this file was continued from this offset. */
  resumedFrom: number | null;
  retryAttempt: number;
  /** The server's answer to the last byte (the ingest result), unparsed. */
  result: unknown;
  failure: UploadFailure | null;
}

export const fileKey = (file: File) => `${file.name}|${file.size}|${file.lastModified}`;

const ACTIVE: ReadonlySet<UploadStatus> = new Set(['uploading', 'retrying', 'processing']);

export const isActive = (item: UploadItem) => ACTIVE.has(item.status);

/**
 * A refusal is final (the file is not evidence, too large…); anything else can be resumed. A lost
 * session (401) is not a refusal: after signing in again the same file continues.
 */
function isRefusal(failure: UploadFailure): boolean {
  const { status } = failure;
  return status !== null && status >= 400 && status < 500 && ![401, 409, 423].includes(status);
}

/** Bytes sent and total over the files that are (or will be) transferred. */
export function totals(items: readonly UploadItem[]): { sent: number; total: number } {
  let sent = 0;
  let total = 0;
  for (const item of items) {
    if (item.status === 'refused') {
      continue;
    }
    total += item.total;
    sent += item.status === 'done' ? item.total : item.sent;
  }
  return { sent, total };
}

/**
 * The upload queue: files added by drag and drop, each transferred by tus on its own, with pause,
 * resume and removal. Closing the tab while a transfer runs asks first; the partial bytes stay on
 * the server either way and the same file continues when added again.
 */
function useQueueState(userId: string) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const handles = useRef(new Map<string, UploadHandle>());
  const queryClient = useQueryClient();

  const patch = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const add = useCallback((files: readonly File[]) => {
    setItems((current) => {
      const known = new Set(current.map((item) => item.key));
      const added: UploadItem[] = [];
      for (const file of files) {
        const key = fileKey(file);
        if (known.has(key)) {
          continue;
        }
        known.add(key);
        added.push({
          key,
          file,
          status: 'queued',
          sent: 0,
          total: file.size,
          resumedFrom: null,
          retryAttempt: 0,
          result: null,
          failure: null,
        });
      }
      return [...current, ...added];
    });
  }, []);

  const startOne = useCallback(
    (item: UploadItem, metadata: Record<string, string>) => {
      patch(item.key, { status: 'uploading', failure: null });
      const handle = startUpload(item.file, metadata, userId, {
        onProgress: (sent, total) =>
          patch(item.key, {
            sent,
            total,
            retryAttempt: 0,
            status: sent >= total ? 'processing' : 'uploading',
          }),
        onResumed: (offset) => patch(item.key, { resumedFrom: offset, sent: offset }),
        onRetrying: (attempt) => patch(item.key, { status: 'retrying', retryAttempt: attempt }),
        onSuccess: (result) => {
          handles.current.delete(item.key);
          patch(item.key, { status: 'done', result, sent: item.file.size });
        },
        onError: (failure) => {
          if (failure.status === 401) {
            // The route guard re-reads the session and sends the officer to sign in again.
            void queryClient.invalidateQueries({ queryKey: meQueryKey });
          }
          const refused = isRefusal(failure);
          if (refused) {
            handles.current.delete(item.key);
          }
          patch(item.key, { status: refused ? 'refused' : 'interrupted', failure });
        },
      });
      handles.current.set(item.key, handle);
    },
    [patch, userId, queryClient],
  );

  /** Starts every queued file with the batch's metadata. */
  const startQueued = useCallback(
    (metadata: Record<string, string>) => {
      for (const item of items) {
        if (item.status === 'queued') {
          startOne(item, metadata);
        }
      }
    },
    [items, startOne],
  );

  const pause = useCallback(
    (key: string) => {
      handles.current.get(key)?.pause();
      patch(key, { status: 'paused' });
    },
    [patch],
  );

  const resume = useCallback(
    (key: string) => {
      const handle = handles.current.get(key);
      if (handle) {
        handle.resume();
        patch(key, { status: 'uploading', failure: null });
      }
    },
    [patch],
  );

  const remove = useCallback((key: string) => {
    const handle = handles.current.get(key);
    handles.current.delete(key);
    if (handle) {
      void handle.discard();
    }
    setItems((current) => current.filter((item) => item.key !== key));
  }, []);

  /** Clears finished and refused files from the list (the recordings stay, of course). */
  const clearFinished = useCallback(() => {
    setItems((current) => current.filter((item) => item.status !== 'done' && item.status !== 'refused'));
  }, []);

  const running = items.some(isActive);
  useEffect(() => {
    if (!running) {
      return undefined;
    }
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [running]);

  // Signing out pauses the transfers; their bytes stay on the server for a later resume.
  useEffect(() => {
    const current = handles.current;
    return () => {
      for (const handle of current.values()) {
        handle.pause();
      }
      current.clear();
    };
  }, []);

  return { items, add, startQueued, pause, resume, remove, clearFinished };
}

export type UploadQueue = ReturnType<typeof useQueueState>;

const UploadQueueContext = createContext<UploadQueue | null>(null);

/**
 * Holds the queue for the whole signed-in session, not one page: an officer can open a stored
 * recording from the results, or look something up, while the rest of the batch keeps uploading.
 */
export function UploadQueueProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const queue = useQueueState(userId);
  return createElement(UploadQueueContext.Provider, { value: queue }, children);
}

export function useUploadQueue(): UploadQueue {
  const queue = useContext(UploadQueueContext);
  if (!queue) {
    throw new Error('useUploadQueue() outside <UploadQueueProvider>');
  }
  return queue;
}
