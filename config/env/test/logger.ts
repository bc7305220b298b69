import path from 'path';
import { winston, formats } from '@strapi/logger';

/**
 * Tests log to the console as usual and also to .tmp/secret-scan, where the
 * run's last test looks for leaked keys and secrets in every line logged.
 */
export default ({ env }) => ({
  level: 'debug',
  transports: [
    new winston.transports.Console({ level: env('LOG_LEVEL', 'warn'), format: formats.prettyPrint() }),
    new winston.transports.File({
      filename: path.resolve(process.cwd(), '.tmp/secret-scan', `log-${process.pid}.log`),
      level: 'debug',
      format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    }),
  ],
});
