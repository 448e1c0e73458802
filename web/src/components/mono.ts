import type { CSSProperties } from 'react';

/** Hashes, key ids and commands: a monospace face, wrapped anywhere so a 64-digit hash never overflows. */
export const MONO: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  wordBreak: 'break-all',
};
