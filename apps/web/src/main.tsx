import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n';
import { MemberProvider } from './member';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <MemberProvider>
        <App />
      </MemberProvider>
    </I18nProvider>
  </StrictMode>,
);
