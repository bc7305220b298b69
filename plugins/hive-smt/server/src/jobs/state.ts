/** A chain job's life: waiting, held by a worker, then done, dead (with its reason) or cancelled by an admin. */
export type JobState = 'queued' | 'leased' | 'done' | 'dead' | 'cancelled';
