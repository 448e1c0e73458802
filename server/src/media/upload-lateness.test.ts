import { describe, expect, it } from 'vitest';
import { uploadLateness } from './upload-lateness';

describe('upload lateness', () => {
  const times = { uploaded_at: '2026-11-28T12:00:00.000Z', capture_start: null, duration_ms: null };

  it('A25.1 an upload more than 24 hours after the recording ended is late, with the hours', () => {
    expect(uploadLateness({ ...times, capture_end: '2026-11-27T11:00:00.000Z' })).toEqual({
      capturedUntil: '2026-11-27T11:00:00.000Z',
      uploadHours: 25,
      late: true,
    });
    expect(uploadLateness({ ...times, capture_end: '2026-11-27T12:00:00.000Z' })).toMatchObject({
      uploadHours: 24,
      late: false,
    });
  });

  it('A25.1 without a capture end, the start plus the duration is the end; with neither, nothing is judged', () => {
    expect(
      uploadLateness({
        ...times,
        capture_end: null,
        capture_start: '2026-11-26T10:00:00.000Z',
        duration_ms: 3_600_000,
      }),
    ).toMatchObject({ capturedUntil: '2026-11-26T11:00:00.000Z', uploadHours: 49, late: true });
    expect(uploadLateness({ ...times, capture_end: null })).toEqual({
      capturedUntil: null,
      uploadHours: null,
      late: false,
    });
  });
});
