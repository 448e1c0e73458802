import { Button, Result, Spin } from 'antd';
import { Link, useRouteError } from 'react-router';
import { useT } from '../i18n';

export function PageLoading() {
  const { t } = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin description={t('app.loading')} />
    </div>
  );
}

export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  return (
    <Result
      status="error"
      title={t('app.loadFailed')}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={onRetry ? <Button onClick={onRetry}>{t('app.retry')}</Button> : undefined}
    />
  );
}

export function NotFound() {
  const { t } = useT();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function Forbidden() {
  const { t } = useT();
  return <Result status="403" title={t('app.forbidden')} />;
}

/** The router's last resort: a crash in a page shows this instead of a blank screen. */
export function RouteError() {
  const { t } = useT();
  const error = useRouteError();
  return (
    <Result
      status="error"
      title={t('app.loadFailed')}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}
