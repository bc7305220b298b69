/**
 * The Hive-Engine sidechain is part of the devnet: a build whose engine module
 * is broken stops the devnet with the reason instead of serving Hive-Engine
 * routes that answer "not available".
 */
import Database from 'better-sqlite3';

describe('loadEngine', () => {
  test("loads the devnet's sidechain", () => {
    const { loadEngine } = require('../src/engine-loader');
    const engine = loadEngine(new Database(':memory:'), 'ssc-mainnet-hive');
    expect(typeof engine.handleBlockchainRpc).toBe('function');
  });

  test('a sidechain module without EngineSidechain is an error, not a devnet without Hive-Engine', () => {
    jest.isolateModules(() => {
      jest.doMock('../src/engine/sidechain', () => ({}));
      const { loadEngine } = require('../src/engine-loader');
      expect(() => loadEngine(new Database(':memory:'), 'ssc-mainnet-hive')).toThrow('does not export EngineSidechain');
    });
  });

  test('a missing sidechain module is an error too', () => {
    jest.isolateModules(() => {
      jest.doMock('../src/engine/sidechain', () => {
        throw Object.assign(new Error("Cannot find module './engine/sidechain'"), { code: 'MODULE_NOT_FOUND' });
      });
      const { loadEngine } = require('../src/engine-loader');
      expect(() => loadEngine(new Database(':memory:'), 'ssc-mainnet-hive')).toThrow(/Cannot find module/);
    });
  });
});
