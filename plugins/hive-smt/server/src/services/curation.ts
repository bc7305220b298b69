import type { PluginRuntime } from '../runtime/types';
import type { Curation } from '../curation/service';

/** The editors' page: featured list, comments, members (curation/service.ts). */
export const curationService = (runtime: () => PluginRuntime): Curation => runtime().curation;
