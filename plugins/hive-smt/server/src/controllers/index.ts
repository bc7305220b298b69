import { curation, dashboard, economy } from '../admin/controllers';
import rewards from './rewards';

export default { dashboard, curation, economy, rewards };
