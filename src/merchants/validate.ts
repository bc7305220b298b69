import type { Core } from '@strapi/strapi';
import { invalidFields, toHttpError } from 'hive-smt/core';
import { hiveSmtService } from '../utils/hive-smt-hooks';
import { MERCHANT, merchantFieldProblems } from './rules';

/** Without the plugin the chain's rule is not at hand: only emptiness is refused. */
const noCheck = () => null;

/**
 * Checks a merchant's fields on every create and update (the Content
 * Manager's included) before anything is stored: a mistyped receiving
 * account would send members' tokens nowhere.
 */
export function registerMerchantValidation(strapi: Core.Strapi): void {
  strapi.documents.use(async (context: any, next: () => Promise<any>) => {
    if (context.uid === MERCHANT && (context.action === 'create' || context.action === 'update')) {
      const accounts = hiveSmtService(strapi, 'accounts');
      const problems = merchantFieldProblems(context.params?.data, accounts ? (name) => accounts.nameError(name) : noCheck);
      if (problems.length) throw toHttpError(invalidFields(problems));
    }
    return next();
  });
}
