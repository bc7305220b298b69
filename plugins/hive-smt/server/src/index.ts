import { createPlugin } from './plugin';

/** The hive-smt plugin's server side, as Strapi loads it from dist/. */
export = createPlugin();
