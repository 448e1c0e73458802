import { describe, expect, it } from 'vitest';
import { checkContinuity, continuityFlagText, type ContinuitySegment } from './continuity';

/** A segment from wall-clock minutes:seconds on one morning, e.g. seg('a', '00:00', '05:00'). */
function seg(id: string, start: string, end: string, fileOrder?: number): ContinuitySegment {
  const at = (mmss: string): string => `2024-03-15T01:${mmss}.000Z`;
  return {
    id,
    captureStart: at(start),
    captureEnd: at(end),
    ...(fileOrder === undefined ? {} : { fileOrder }),
  };
}

const tolerance = { toleranceSeconds: 10 };

describe('checkContinuity', () => {
  it('A22.5 back-to-back camera splits within the tolerance raise no flag', () => {
    const segments = [
      seg('a', '00:00', '05:00', 1),
      seg('b', '05:02', '10:00', 2),
      seg('c', '10:10', '12:30', 3),
    ];
    expect(checkContinuity(segments, tolerance)).toEqual([]);
  });

  it('A22.5 a gap longer than the tolerance is flagged 断续录制 with its length', () => {
    const flags = checkContinuity([seg('a', '00:00', '05:00', 1), seg('b', '07:30', '10:00', 2)], tolerance);
    expect(flags).toEqual([
      {
        kind: 'gap',
        previousId: 'a',
        nextId: 'b',
        seconds: 150,
        from: '2024-03-15T01:05:00.000Z',
        to: '2024-03-15T01:07:30.000Z',
      },
    ]);
    expect(continuityFlagText(flags[0]!)).toEqual({
      zh: '断续录制：与上一段间隔 2分30秒',
      en: 'Interrupted recording: 2 min 30 s gap after the previous segment',
    });
  });

  it('A22.5 a pause of exactly the tolerance is not a gap; one second more is', () => {
    expect(checkContinuity([seg('a', '00:00', '05:00'), seg('b', '05:10', '06:00')], tolerance)).toEqual([]);
    expect(
      checkContinuity([seg('a', '00:00', '05:00'), seg('b', '05:11', '06:00')], tolerance),
    ).toMatchObject([{ kind: 'gap', seconds: 11 }]);
  });

  it('A22.5 every gap in a longer run is reported, fractional seconds kept', () => {
    const segments = [
      { id: 'a', captureStart: '2024-03-15T01:00:00.000Z', captureEnd: '2024-03-15T01:05:00.000Z' },
      { id: 'b', captureStart: '2024-03-15T01:05:30.500Z', captureEnd: '2024-03-15T01:10:00.000Z' },
      { id: 'c', captureStart: '2024-03-15T01:10:05.000Z', captureEnd: '2024-03-15T01:15:00.000Z' },
      { id: 'd', captureStart: '2024-03-15T02:15:00.000Z', captureEnd: '2024-03-15T02:20:00.000Z' },
    ];
    expect(
      checkContinuity(segments, tolerance).map((f) => [
        f.kind,
        f.previousId,
        f.nextId,
        'seconds' in f && f.seconds,
      ]),
    ).toEqual([
      ['gap', 'a', 'b', 30.5],
      ['gap', 'c', 'd', 3600],
    ]);
  });

  it('A22.5 a segment starting before the previous one ends is flagged as possible insertion', () => {
    const flags = checkContinuity([seg('a', '00:00', '05:00', 1), seg('b', '04:30', '08:00', 2)], tolerance);
    expect(flags).toEqual([{ kind: 'overlap', previousId: 'a', nextId: 'b', seconds: 30 }]);
    expect(continuityFlagText(flags[0]!).zh).toBe('时间重叠 30秒，疑似插入');
  });

  it('A22.5 an overlap within the clock epsilon is tolerated', () => {
    expect(checkContinuity([seg('a', '00:00', '05:01'), seg('b', '05:00', '06:00')], tolerance)).toEqual([]);
    expect(
      checkContinuity([seg('a', '00:00', '05:01'), seg('b', '05:00', '06:00')], {
        ...tolerance,
        epsilonSeconds: 0,
      }),
    ).toMatchObject([{ kind: 'overlap', seconds: 1 }]);
  });

  it('A22.5 a segment wholly inside a longer earlier one overlaps it, and the next is measured from the longer end', () => {
    const flags = checkContinuity(
      [seg('long', '00:00', '10:00'), seg('inside', '02:00', '03:00'), seg('next', '10:05', '12:00')],
      tolerance,
    );
    expect(flags).toEqual([{ kind: 'overlap', previousId: 'long', nextId: 'inside', seconds: 480 }]);
  });

  it('A22.5 capture time contradicting the file sequence is flagged as possible insertion', () => {
    const flags = checkContinuity(
      [seg('f1', '00:00', '05:00', 1), seg('f3', '05:00', '10:00', 3), seg('f2', '10:00', '15:00', 2)],
      tolerance,
    );
    expect(flags).toEqual([
      { kind: 'order', previousId: 'f3', nextId: 'f2', previousFileOrder: 3, nextFileOrder: 2 },
    ]);
    expect(continuityFlagText(flags[0]!).en).toBe(
      'Capture time contradicts file order (3 → 2): possible insertion',
    );
  });

  it('A22.5 segments without file order are never flagged for order', () => {
    expect(checkContinuity([seg('a', '00:00', '05:00', 2), seg('b', '05:00', '10:00')], tolerance)).toEqual(
      [],
    );
  });

  it('A22.5 one segment alone, or none, is continuous', () => {
    expect(checkContinuity([seg('only', '00:00', '05:00', 1)], tolerance)).toEqual([]);
    expect(checkContinuity([], tolerance)).toEqual([]);
  });

  it('A22.5 unsorted input is ordered by capture time first', () => {
    const shuffled = [
      seg('c', '20:00', '25:00', 3),
      seg('a', '00:00', '05:00', 1),
      seg('b', '05:05', '10:00', 2),
    ];
    expect(checkContinuity(shuffled, tolerance)).toEqual([
      {
        kind: 'gap',
        previousId: 'b',
        nextId: 'c',
        seconds: 600,
        from: '2024-03-15T01:10:00.000Z',
        to: '2024-03-15T01:20:00.000Z',
      },
    ]);
  });

  it('A22.5 an overlap and a backwards sequence on the same pair give both flags', () => {
    const flags = checkContinuity([seg('x', '00:00', '05:00', 8), seg('y', '03:00', '06:00', 5)], tolerance);
    expect(flags.map((f) => f.kind)).toEqual(['overlap', 'order']);
  });

  it('equal start times are ordered by file sequence, so they raise no order flag', () => {
    expect(
      checkContinuity([seg('b', '00:00', '05:00', 2), seg('a', '00:00', '00:00', 1)], tolerance),
    ).toEqual([]);
  });

  it('refuses times that are not ISO instants or end before they start', () => {
    expect(() =>
      checkContinuity(
        [{ id: 'bad', captureStart: 'yesterday', captureEnd: '2024-03-15T01:00:00Z' }],
        tolerance,
      ),
    ).toThrow(RangeError);
    expect(() => checkContinuity([seg('back', '05:00', '04:00')], tolerance)).toThrow(
      /ends before it starts/,
    );
  });
});
