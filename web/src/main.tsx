import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { storedLang } from './i18n';
import 'antd/dist/reset.css';
import './global.css';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html lacks #root');
}
document.documentElement.lang = storedLang();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
