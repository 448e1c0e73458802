export const WATERMARK_TEXT = '草稿 DRAFT';
