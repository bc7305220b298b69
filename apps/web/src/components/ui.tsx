import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { ApiError } from '../api/client';

/** A page's heading, focused when the page opens so screen readers announce it. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus({ preventScroll: true }), []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status" aria-busy="true">
      {t('loading')}
    </p>
  );
}

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert">
      <p>{t('errorGeneric', { message })}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Avatar({ url, name, size = 40 }: { url?: string | null; name: string; size?: number }) {
  if (url) return <img className="avatar" src={url} alt="" width={size} height={size} />;
  return (
    <span className="avatar avatar-letter" aria-hidden="true" style={{ width: size, height: size, lineHeight: `${size}px` }}>
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
