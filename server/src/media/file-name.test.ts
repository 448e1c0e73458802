import { describe, expect, it } from 'vitest';
import { chinaTimeToIso, MAX_FILE_NAME_BYTES, neutraliseFileName, parseCaptureFileName } from './file-name';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('neutraliseFileName', () => {
  it.each([
    ['plain', '执法记录_0001.MP4', '执法记录_0001.MP4'],
    ['Unix path', '../../etc/passwd', 'passwd'],
    ['Windows path', 'C:\\Users\\警员\\DCIM\\100MEDIA\\VID_0001.MP4', 'VID_0001.MP4'],
    ['mixed separators', 'a/b\\c/d.mp4', 'd.mp4'],
    ['control characters', 'evi\u0000den\u0007ce\r\n.mp4', 'evidence.mp4'],
    ['C1 controls and DEL', 'a\u0085b\u007fc.jpg', 'abc.jpg'],
    ['bidi override that fakes the extension', 'invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['bidi isolates and marks', '\u2066录像\u2069\u200F.mp4', '录像.mp4'],
    ['zero-width and BOM', '\uFEFFre\u200Bc.wav', 'rec.wav'],
    ['NFD to NFC', 'Cafe\u0301.mov', 'Caf\u00e9.mov'],
    ['surrounding and repeated spaces', '   现场   录像 .mp4  ', '现场 录像 .mp4'],
    ['Windows-reserved characters', 'a<b>c:d"e|f?g*.mp4', 'a_b_c_d_e_f_g_.mp4'],
    ['trailing dots', 'clip.mp4...', 'clip.mp4'],
    ['Windows device name', 'CON.mp4', '_CON.mp4'],
    ['lone surrogate', 'a\ud800b.mp4', 'ab.mp4'],
    ['empty', '', 'unnamed'],
    ['only a directory', 'videos/', 'unnamed'],
    ['only dots', '..', 'unnamed'],
    ['only invisible characters', '\u202E\u0000', 'unnamed'],
  ])('%s', (_name, input, expected) => {
    expect(neutraliseFileName(input)).toBe(expected);
  });

  it('caps 2,000 characters at 255 UTF-8 bytes and keeps the extension', () => {
    const out = neutraliseFileName(`${'录'.repeat(2000)}.mp4`);
    expect(bytes(out)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(out).toBe(`${'录'.repeat(83)}.mp4`);
  });

  it('never splits a surrogate pair when cutting', () => {
    const out = neutraliseFileName(`${'😀'.repeat(100)}.jpg`);
    expect(out).toBe(`${'😀'.repeat(62)}.jpg`);
    expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
  });

  it('a name with no usable extension is cut as a whole', () => {
    const out = neutraliseFileName('x'.repeat(2000));
    expect(out).toBe('x'.repeat(255));
  });

  it('a custom fallback replaces an empty result', () => {
    expect(neutraliseFileName('/', '未命名')).toBe('未命名');
  });
});

describe('chinaTimeToIso', () => {
  it.each([
    ['20240315', '093012', '2024-03-15T01:30:12.000Z'],
    ['20240101', '050000', '2023-12-31T21:00:00.000Z'],
    ['20240229', '120000', '2024-02-29T04:00:00.000Z'],
    ['20230229', '120000', null],
    ['20241301', '120000', null],
    ['20240315', '250000', null],
    ['19991231', '235959', null],
  ])('%s %s → %s', (date, time, expected) => {
    expect(chinaTimeToIso(date, time)).toBe(expected);
  });
});

describe('parseCaptureFileName', () => {
  it.each([
    [
      'GA/T 947 device_badge_time_seq',
      '1234567_012345_20240315093012_0001.MP4',
      {
        pattern: 'gat947',
        deviceNumber: '1234567',
        badge: '012345',
        captureStart: '2024-03-15T01:30:12.000Z',
        sequence: 1,
      },
    ],
    [
      'GA/T 947 with letters in the device number and an importance marker',
      'DSJA0123456_330102_20231231235959_0012_IMP.mp4',
      {
        pattern: 'gat947',
        deviceNumber: 'DSJA0123456',
        badge: '330102',
        captureStart: '2023-12-31T15:59:59.000Z',
        sequence: 12,
      },
    ],
    [
      'GA/T 947 without a sequence',
      'A123456_654321_20240601080000.AVI',
      {
        pattern: 'gat947',
        deviceNumber: 'A123456',
        badge: '654321',
        captureStart: '2024-06-01T00:00:00.000Z',
      },
    ],
    [
      'time first, then device and sequence',
      '20240315093012_HK0001234_0003.mp4',
      {
        pattern: 'time-device-seq',
        deviceNumber: 'HK0001234',
        captureStart: '2024-03-15T01:30:12.000Z',
        sequence: 3,
      },
    ],
    [
      'DSJ prefix with device and badge',
      'DSJ_T9A00123_010203_20240315093012_0002.MP4',
      {
        pattern: 'dsj',
        deviceNumber: 'T9A00123',
        badge: '010203',
        captureStart: '2024-03-15T01:30:12.000Z',
        sequence: 2,
      },
    ],
    [
      'DSJ prefix with time and sequence only',
      'DSJ_20240315_093012_0007.MP4',
      { pattern: 'dsj', captureStart: '2024-03-15T01:30:12.000Z', sequence: 7 },
    ],
    [
      'phone photo',
      'IMG_20240315_093012.jpg',
      { pattern: 'phone', captureStart: '2024-03-15T01:30:12.000Z' },
    ],
    [
      'phone video with burst number',
      'VID_20240315_093012_1.mp4',
      { pattern: 'phone', captureStart: '2024-03-15T01:30:12.000Z', sequence: 1 },
    ],
    [
      'voice recorder with time',
      'REC20240315093012.wav',
      { pattern: 'rec', captureStart: '2024-03-15T01:30:12.000Z' },
    ],
    [
      'voice recorder with separated time',
      'REC_20240315-093012_0004.mp3',
      { pattern: 'rec', captureStart: '2024-03-15T01:30:12.000Z', sequence: 4 },
    ],
    ['voice recorder with a number only', 'REC0042.WAV', { pattern: 'rec', sequence: 42 }],
    [
      'device then time',
      'HK0001234_20240315093012_0005.mp4',
      {
        pattern: 'device-time',
        deviceNumber: 'HK0001234',
        captureStart: '2024-03-15T01:30:12.000Z',
        sequence: 5,
      },
    ],
    [
      'bare timestamp',
      '20240315093012.mp4',
      { pattern: 'timestamp', captureStart: '2024-03-15T01:30:12.000Z' },
    ],
    [
      'timestamp with separators and sequence',
      '20240315_093012_0009.MP4',
      { pattern: 'timestamp', captureStart: '2024-03-15T01:30:12.000Z', sequence: 9 },
    ],
    [
      'a path in front is ignored',
      'E:\\DCIM\\1234567_012345_20240315093012_0001.MP4',
      {
        pattern: 'gat947',
        deviceNumber: '1234567',
        badge: '012345',
        captureStart: '2024-03-15T01:30:12.000Z',
        sequence: 1,
      },
    ],
  ])('%s: %s', (_name, fileName, expected) => {
    expect(parseCaptureFileName(fileName)).toEqual(expected);
  });

  it.each([
    ['no pattern', 'holiday video.mp4'],
    ['impossible date', '1234567_012345_20240231093012_0001.MP4'],
    ['impossible time', 'IMG_20240315_256012.jpg'],
    ['too few digits', 'IMG_2024031_093012.jpg'],
    ['empty', ''],
  ])('%s → null', (_name, fileName) => {
    expect(parseCaptureFileName(fileName)).toBeNull();
  });
});
