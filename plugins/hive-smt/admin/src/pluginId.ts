export const PLUGIN_ID = 'hive-smt';
