import { useIntl } from 'react-intl';
import en from '../translations/en.json';
import { PLUGIN_ID } from '../pluginId';

export type MessageKey = keyof typeof en;
type Values = Record<string, string | number | boolean | null | undefined | Date | ((chunks: any) => any)>;

/** Translates one of the plugin's messages (English as the fallback), e.g. t('chain.title'). */
export function useT() {
  const intl = useIntl();
  const t = (key: MessageKey, values?: Values): string => intl.formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] }, values as any) as string;
  return Object.assign(t, { intl });
}
