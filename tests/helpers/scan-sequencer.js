// Orders the run so the secret scan comes last and records which files run,
// so the scan waits for every other file of this run to finish.
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

const SCAN_DIR = path.resolve(__dirname, '../../.tmp/secret-scan');
const isScan = (test) => test.path.endsWith(path.join('security', 'secret-scan.test.ts'));

class ScanLastSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const others = sorted.filter((t) => !isScan(t));
    const scan = sorted.filter(isScan);
    fs.rmSync(SCAN_DIR, { recursive: true, force: true });
    fs.mkdirSync(path.join(SCAN_DIR, 'done'), { recursive: true });
    fs.writeFileSync(path.join(SCAN_DIR, 'expected.json'), JSON.stringify(scan.length ? others.map((t) => t.path) : []));
    return [...others, ...scan];
  }
}

module.exports = ScanLastSequencer;
