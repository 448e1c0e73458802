import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { isApiError } from '../api/client';
import { useT } from '../i18n';

/** Maps an API field name to the form field that shows it, when they differ. */
export type FieldMap = Record<string, string>;

/**
 * Shows an API error the way users expect: under the form field it concerns when the server names
 * one that the form has, otherwise as a message at the top of the page.
 */
export function useApiError() {
  const { message } = App.useApp();
  const { t } = useT();
  return useCallback(
    (error: unknown, form?: FormInstance, fieldMap: FieldMap = {}) => {
      if (isApiError(error)) {
        const field = error.field === undefined ? undefined : (fieldMap[error.field] ?? error.field);
        if (form && field !== undefined && form.getFieldInstance(field) !== undefined) {
          form.setFields([{ name: field, errors: [error.message] }]);
          return;
        }
        void message.error(error.message);
        return;
      }
      void message.error(error instanceof Error && error.message ? error.message : t('app.loadFailed'));
    },
    [message, t],
  );
}
