import type { RecordingTable } from '../../db/types';

/** The fields an uploader sets and later corrects, by their API names. */
export interface Descriptive {
  deviceNumber: string | null;
  officerIds: string[];
  unitId: string;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  party: string | null;
  caseCause: string | null;
  category: string | null;
  confidentiality: string;
  captureStart: string | null;
  captureEnd: string | null;
  note: string | null;
}

export function descriptiveOf(row: RecordingTable, officerIds: readonly string[]): Descriptive {
  return {
    deviceNumber: row.device_number,
    officerIds: [...officerIds].sort(),
    unitId: row.unit_id,
    place: row.place,
    latitude: row.latitude,
    longitude: row.longitude,
    party: row.party,
    caseCause: row.case_cause,
    category: row.category,
    confidentiality: row.confidentiality,
    captureStart: row.capture_start,
    captureEnd: row.capture_end,
    note: row.note,
  };
}

/** The columns of descriptive values (officers live in their own table). */
export function columnsOf(d: Descriptive): Partial<RecordingTable> {
  return {
    device_number: d.deviceNumber,
    unit_id: d.unitId,
    place: d.place,
    latitude: d.latitude,
    longitude: d.longitude,
    party: d.party,
    case_cause: d.caseCause,
    category: d.category,
    confidentiality: d.confidentiality,
    capture_start: d.captureStart,
    capture_end: d.captureEnd,
    note: d.note,
  };
}

/** Each field whose value differs, with both values: what a correction's ledger leaf keeps. */
export function changesBetween(
  before: Descriptive,
  after: Descriptive,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(before) as (keyof Descriptive)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      out[key] = { from: before[key], to: after[key] };
    }
  }
  return out;
}

/** An instant as stored: ISO-8601 UTC. */
export const toUtc = (instant: string | null | undefined): string | null | undefined =>
  instant === null || instant === undefined ? instant : new Date(instant).toISOString();
