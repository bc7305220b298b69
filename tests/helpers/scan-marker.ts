import fs from 'fs';
import { DONE_DIR, markerFor } from './secret-scan';

// Every test file says when it is done, so the secret scan knows the run's output is complete.
afterAll(() => {
  const testPath = expect.getState().testPath;
  if (!testPath) return;
  fs.mkdirSync(DONE_DIR, { recursive: true });
  fs.writeFileSync(markerFor(testPath), '');
});
