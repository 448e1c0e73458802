import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState, type ReactNode } from 'react';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './api/query-client';
import { I18nProvider, useT } from './i18n';
import { router } from './router';

/** antd and dayjs follow the UI language: zh-CN by default, en when switched. */
function LocaleBridge({ children }: { children: ReactNode }) {
  const { lang } = useT();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1f5fae', borderRadius: 4 } }}
      // "登录", not "登 录": button names stay the words users (and tests) read.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <LocaleBridge>
          <RouterProvider router={router} />
        </LocaleBridge>
      </I18nProvider>
    </QueryClientProvider>
  );
}
