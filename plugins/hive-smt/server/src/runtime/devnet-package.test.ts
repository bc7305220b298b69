import { DEVNET_PACKAGE, loadDevnet } from './devnet-package';

const notFound = (id: string) => Object.assign(new Error(`Cannot find module '${id}'\nRequire stack: …`), { code: 'MODULE_NOT_FOUND' });

describe('loading the devnet package', () => {
  test('a missing devnet package is named, with the two ways out', () => {
    const load = (id: string) => {
      throw notFound(id);
    };
    expect(() => loadDevnet(load)).toThrow(`the package ${DEVNET_PACKAGE} is not installed`);
    expect(() => loadDevnet(load)).toThrow('set HIVE_NODES');
  });

  test('a module missing inside the devnet is not reported as the package missing', () => {
    const load = () => {
      throw notFound('./engine/sidechain');
    };
    expect(() => loadDevnet(load)).toThrow("Cannot find module './engine/sidechain'");
  });

  test('the package found: its startDevnet', () => {
    const startDevnet = async () => ({}) as never;
    expect(loadDevnet(() => ({ startDevnet }))).toBe(startDevnet);
    expect(() => loadDevnet(() => ({}))).toThrow('does not export startDevnet');
  });

  test('the installed devnet package is what Node finds by that name', () => {
    expect(typeof loadDevnet()).toBe('function');
  });
});
