import { startStrapi } from '../helpers/strapi';
import { describeEventReplies } from '../helpers/event-scenario';

describe('replies to events and check-ins, on SQLite', () => {
  describeEventReplies(() => startStrapi({ HIVE_WORKER_ENABLED: 'false' }));
});
