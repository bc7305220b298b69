import path from 'path';
import { JSDOM } from 'jsdom';
import { APP_DIR } from '../helpers/strapi';

/**
 * WeChat's component test tool (miniprogram-simulate) renders into a DOM. The
 * mini-program suites also run a real Quanzi app, which needs Node's own
 * environment, so the DOM is a jsdom window made global here rather than
 * jest's jsdom environment.
 */
export function simulator() {
  if (!(global as any).document) {
    const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
    for (const name of ['window', 'document', 'navigator', 'Node', 'HTMLElement', 'Element', 'MutationObserver', 'getComputedStyle', 'requestAnimationFrame']) {
      (global as any)[name] ??= name === 'window' ? window : (window as any)[name];
    }
    // Node has Event and CustomEvent of its own, which jsdom's nodes refuse: the simulator's taps must be jsdom's.
    for (const name of ['Event', 'CustomEvent', 'TouchEvent', 'Touch']) (global as any)[name] = (window as any)[name];
  }
  return require('miniprogram-simulate');
}

/** A component of the sample by its folder, e.g. 'components/post-card'. */
export const componentPath = (name: string) => path.join(APP_DIR, 'apps', 'miniprogram', name, 'index');
