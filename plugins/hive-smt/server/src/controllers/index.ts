import { curation, dashboard } from '../admin/controllers';
import rewards from './rewards';

export default { dashboard, curation, rewards };
