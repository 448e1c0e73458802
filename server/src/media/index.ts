/** The media toolkit: pure helpers and ffmpeg/ffprobe wrappers the recordings module calls. */
export * from './continuity';
export * from './file-name';
export * from './inspect';
export type { LocalizedText } from './localized';
export * from './probe';
export * from './proxy';
export { defaultMediaTools, MediaAbortedError, type MediaTools } from './run-tool';
export * from './sniff';
export * from './thumbnail';
export * from './upload-lateness';
