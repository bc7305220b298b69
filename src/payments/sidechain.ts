import type { Core } from '@strapi/strapi';
import { hiveSmtService } from '../utils/hive-smt-hooks';
import { refuse } from '../utils/request';

/**
 * A transfer a member or a merchant signed, as Hive-Engine recorded it: a 404 while the sidechain has not
 * got it (yet), a 503 without the plugin. `feature` names what needs it in that message ("Payments").
 */
export async function signedTransfer(strapi: Core.Strapi, txId: string, feature: string) {
  const chain = hiveSmtService(strapi, 'chain');
  if (!chain) throw refuse(503, `${feature} need the hive-smt plugin, which is not enabled.`);
  const info = await chain.engineTransaction(txId);
  if (!info) throw refuse(404, `Hive-Engine has no transaction ${txId} (yet): if it was just signed, send it again in a few seconds.`);
  return info;
}
