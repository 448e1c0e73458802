import {
  CONFIDENTIALITY_LABELS,
  CONFIDENTIALITY_LEVELS,
  DEVICE_STATUS_LABELS,
  DEVICE_STATUSES,
  RECORDING_CATEGORIES,
  RECORDING_CATEGORY_LABELS,
  type Confidentiality,
  type DeviceStatus,
  type RecordingCategory,
  type RecordingKind,
} from '@quancheng/contracts';
import { useT, type MessageId } from '../../../i18n';

const KIND_LABELS: Record<RecordingKind, MessageId> = {
  video: 'rec.kind.video',
  audio: 'rec.kind.audio',
  photo: 'rec.kind.photo',
};

/** The shared label tables of the contracts, in the UI language, and option lists for selects. */
export function useRecordingLabels() {
  const { lang, t } = useT();
  const category = (c: RecordingCategory) => RECORDING_CATEGORY_LABELS[c][lang];
  const confidentiality = (c: Confidentiality) => CONFIDENTIALITY_LABELS[c][lang];
  const deviceStatus = (s: DeviceStatus) => DEVICE_STATUS_LABELS[s][lang];
  const kind = (k: RecordingKind) => t(KIND_LABELS[k]);
  /** Flag texts come from the server in both languages. */
  const localized = (text: { zh: string; en: string }) => (lang === 'en' ? text.en : text.zh);
  return {
    category,
    confidentiality,
    deviceStatus,
    kind,
    localized,
    categoryOptions: RECORDING_CATEGORIES.map((value) => ({ value, label: category(value) })),
    confidentialityOptions: CONFIDENTIALITY_LEVELS.map((value) => ({ value, label: confidentiality(value) })),
    deviceStatusOptions: DEVICE_STATUSES.map((value) => ({ value, label: deviceStatus(value) })),
    kindOptions: (['video', 'audio', 'photo'] as const).map((value) => ({ value, label: kind(value) })),
  };
}
