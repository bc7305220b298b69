import { curationController, dashboardController } from '../admin';

export default { dashboard: dashboardController, curation: curationController };
