import { describe, expect, it } from 'vitest';
import { browserPlayable, normaliseTime, parseProbeOutput, type MediaFacts } from './probe';

const json = (v: unknown): string => JSON.stringify(v);

const h264 = { codec_type: 'video', codec_name: 'h264', pix_fmt: 'yuv420p', width: 1920, height: 1080 };
const aac = { codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 2 };

function facts(streams: object[], format: object = {}): MediaFacts {
  const r = parseProbeOutput(
    json({ streams, format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', ...format } }),
  );
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r;
}

describe('parseProbeOutput', () => {
  it('maps ffprobe JSON to facts, preferring the average frame rate', () => {
    const f = facts(
      [
        { ...h264, avg_frame_rate: '30000/1001', r_frame_rate: '60/1', side_data_list: [{ rotation: -90 }] },
        aac,
      ],
      { duration: '12.480000', size: '1048576', bit_rate: '672000', format_long_name: 'QuickTime / MOV' },
    );
    expect(f).toMatchObject({
      durationSeconds: 12.48,
      sizeBytes: 1048576,
      bitRate: 672000,
      containerLongName: 'QuickTime / MOV',
      video: { codec: 'h264', width: 1920, height: 1080, frameRate: 29.97, rotation: 270 },
      audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
    });
  });

  it('cover art attached to an MP3 is not a video stream', () => {
    const f = facts(
      [
        { codec_type: 'audio', codec_name: 'mp3' },
        { codec_type: 'video', codec_name: 'mjpeg', disposition: { attached_pic: 1 } },
      ],
      { format_name: 'mp3' },
    );
    expect(f.video).toBeNull();
  });

  it('creation time: QuickTime creationdate first, then creation_time; zero dates are ignored', () => {
    expect(facts([h264], { tags: { creation_time: '2024-03-15T01:30:12.000000Z' } }).creationTime).toBe(
      '2024-03-15T01:30:12.000Z',
    );
    expect(
      facts([{ ...h264, tags: { creation_time: '2024-03-15T01:30:12.000000Z' } }], {
        tags: { 'com.apple.quicktime.creationdate': '2024-03-15T09:30:13+0800' },
      }).creationTime,
    ).toBe('2024-03-15T01:30:13.000Z');
    expect(facts([h264], { tags: { creation_time: '1904-01-01T00:00:00.000000Z' } }).creationTime).toBeNull();
    expect(facts([h264], { tags: { creation_time: '1970-01-01T00:00:00.000000Z' } }).creationTime).toBeNull();
  });

  it('collects device tags wherever they are', () => {
    const f = facts([{ ...h264, tags: { 'com.apple.quicktime.make': 'Hikvision' } }], {
      tags: { model: 'DSJ-HK-X1', serial_number: 'A1B2C3D', encoder: 'Lavf' },
    });
    expect(f.device).toEqual({
      make: 'Hikvision',
      model: 'DSJ-HK-X1',
      serial: 'A1B2C3D',
      raw: { model: 'DSJ-HK-X1', serial_number: 'A1B2C3D', 'com.apple.quicktime.make': 'Hikvision' },
    });
  });

  it.each([
    ['not JSON', 'moov atom not found', 'ffprobe output is not JSON'],
    ['no format', json({ streams: [] }), 'ffprobe found no container'],
    ['no streams', json({ streams: [], format: { format_name: 'mp4' } }), 'no audio or video stream'],
    [
      'only a data stream',
      json({ streams: [{ codec_type: 'data' }], format: {} }),
      'no audio or video stream',
    ],
  ])('%s → ok:false', (_name, stdout, reason) => {
    expect(parseProbeOutput(stdout)).toMatchObject({
      ok: false,
      reason,
      message: { zh: expect.stringContaining('无法解析') as unknown },
    });
  });
});

describe('normaliseTime', () => {
  it.each([
    ['2024-03-15T01:30:12.000000Z', '2024-03-15T01:30:12.000Z'],
    ['2024-03-15T09:30:12+0800', '2024-03-15T01:30:12.000Z'],
    ['2024-03-15T09:30:12+08:00', '2024-03-15T01:30:12.000Z'],
    ['2024:03:15 09:30:12', '2024-03-15T01:30:12.000Z'],
    ['2024-03-15 09:30:12', '2024-03-15T01:30:12.000Z'],
    ['2024', null],
    ['not a date', null],
    ['2024-13-45T99:00:00Z', null],
  ])('%s → %s', (input, expected) => {
    expect(normaliseTime(input)).toBe(expected);
  });
});

describe('browserPlayable', () => {
  const iso = 'mov,mp4,m4a,3gp,3g2,mj2';
  it.each([
    ['H.264 4:2:0 + AAC in MP4', [h264, aac], iso, 'mp4', true],
    ['H.264 without sound in MOV', [h264], iso, 'mov', true],
    ['H.264 + MP3 in MP4', [h264, { codec_type: 'audio', codec_name: 'mp3' }], iso, 'mp4', true],
    ['H.264 4:4:4', [{ ...h264, pix_fmt: 'yuv444p' }], iso, 'mp4', false],
    ['H.264 10-bit', [{ ...h264, pix_fmt: 'yuv420p10le' }], iso, 'mp4', false],
    ['H.264 + PCM in MOV', [h264, { codec_type: 'audio', codec_name: 'pcm_s16le' }], iso, 'mov', false],
    ['H.265 in MP4', [{ ...h264, codec_name: 'hevc' }, aac], iso, 'mp4', false],
    ['H.264 in 3GP', [h264, aac], iso, '3gp', false],
    ['MPEG-4 Part 2 in AVI', [{ ...h264, codec_name: 'mpeg4' }], 'avi', 'avi', false],
    ['H.264 in AVI', [h264], 'avi', 'avi', false],
    ['MJPEG in AVI', [{ ...h264, codec_name: 'mjpeg' }], 'avi', 'avi', false],
    [
      'VP9 + Opus in WebM',
      [
        { ...h264, codec_name: 'vp9' },
        { codec_type: 'audio', codec_name: 'opus' },
      ],
      'matroska,webm',
      'webm',
      true,
    ],
    ['AV1 in WebM', [{ ...h264, codec_name: 'av1' }], 'matroska,webm', 'webm', true],
    ['VP9 in Matroska', [{ ...h264, codec_name: 'vp9' }], 'matroska,webm', 'mkv', false],
    ['H.264 in WebM container name', [h264], 'matroska,webm', 'webm', false],
    ['H.264 in MPEG-TS', [h264, aac], 'mpegts', 'mpegts', false],
    ['AAC in M4A', [aac], iso, 'm4a', true],
    ['AAC ADTS', [aac], 'aac', 'aac', true],
    ['MP3', [{ codec_type: 'audio', codec_name: 'mp3' }], 'mp3', 'mp3', true],
    ['WAV PCM', [{ codec_type: 'audio', codec_name: 'pcm_s16le' }], 'wav', 'wav', true],
    ['Opus in Ogg', [{ codec_type: 'audio', codec_name: 'opus' }], 'ogg', 'opus', true],
    ['FLAC', [{ codec_type: 'audio', codec_name: 'flac' }], 'flac', 'flac', true],
    ['AMR', [{ codec_type: 'audio', codec_name: 'amr_nb' }], 'amr', 'amr', false],
    ['WMA', [{ codec_type: 'audio', codec_name: 'wmav2' }], 'asf', 'asf', false],
    ['JPEG photo', [{ ...h264, codec_name: 'mjpeg' }], 'image2', 'jpeg', true],
    ['PNG photo', [{ ...h264, codec_name: 'png' }], 'png_pipe', 'png', true],
    ['TIFF photo', [{ ...h264, codec_name: 'tiff' }], 'tiff_pipe', 'tiff', false],
  ] as const)('%s → %s', (_name, streams, container, sniffed, expected) => {
    expect(browserPlayable(facts([...streams], { format_name: container }), sniffed)).toBe(expected);
  });
});
