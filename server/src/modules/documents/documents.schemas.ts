import { documentDto, documentTemplateDto, templateFieldDto } from '@quancheng/contracts';
import { z } from 'zod';

const localized = z.object({ 'zh-CN': z.string(), en: z.string() });

/**
 * The contract's field, plus what a form needs and the contract does not carry (additive, so
 * clients parsing the contract ignore it): a list field's columns and a select's option labels.
 */
export const templateFieldView = templateFieldDto.extend({
  columns: z
    .array(z.object({ key: z.string(), label: localized, type: z.enum(['text', 'number']) }))
    .optional(),
  optionLabels: z.array(z.object({ value: z.string(), label: localized })).optional(),
  help: localized.optional(),
});

export const documentTemplateView = documentTemplateDto.extend({
  titleEn: z.string(),
  fields: z.array(templateFieldView),
});
export type DocumentTemplateView = z.infer<typeof documentTemplateView>;

export const documentView = documentDto.extend({ template: documentTemplateView });
export type DocumentView = z.infer<typeof documentView>;

export const documentTemplateList = z.array(documentTemplateView);

export const scanParams = z.object({ id: z.uuid(), scanId: z.uuid() });
