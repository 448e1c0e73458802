import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

/**
 * Saves `delayMs` after the last change; `flush` saves at once (before issuing, say). Only one
 * save runs at a time: changes made while one runs are saved after it.
 */
export function useAutosave(save: () => Promise<unknown>, delayMs = 800) {
  const [state, setState] = useState<SaveState>('saved');
  const timer = useRef<number | undefined>(undefined);
  const running = useRef<Promise<unknown> | null>(null);
  const dirty = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;

  const run = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (running.current) {
      await running.current.catch(() => undefined);
    }
    if (!dirty.current) {
      return true;
    }
    dirty.current = false;
    setState('saving');
    const attempt = saveRef.current();
    running.current = attempt;
    try {
      await attempt;
      setState(dirty.current ? 'pending' : 'saved');
      return true;
    } catch {
      setState('error');
      return false;
    } finally {
      running.current = null;
    }
  }, []);

  const changed = useCallback(() => {
    dirty.current = true;
    setState('pending');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void run(), delayMs);
  }, [delayMs, run]);

  useEffect(() => () => window.clearTimeout(timer.current), []);
  return { state, changed, flush: run };
}
