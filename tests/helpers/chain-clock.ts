/**
 * The devnet's clock, which is its blocks' time: read it, and move it forward
 * the way hived's debug_node plugin does (debug_generate_blocks with
 * miss_blocks: the next block comes that many 3-second slots later).
 * DEVNET ONLY: debug_node_api is not served by public nodes.
 */
const SLOT_MS = 3000;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function devnetRpc(url: string, method: string, params: unknown = {}): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body: any = await response.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** The head block's time. */
export async function chainTime(url: string): Promise<Date> {
  const props = await devnetRpc(url, 'condenser_api.get_dynamic_global_properties', []);
  return new Date(`${props.time}Z`);
}

/**
 * Produces one block dated just before `target` (within one slot), so the
 * chain's time jumps there; a target in the past changes nothing. Returns the
 * new head time.
 */
export async function moveChainClockTo(url: string, target: Date): Promise<Date> {
  const now = await chainTime(url);
  const slots = Math.floor((target.getTime() - now.getTime()) / SLOT_MS) - 1;
  if (slots > 0) await devnetRpc(url, 'debug_node_api.debug_generate_blocks', { count: 1, miss_blocks: slots });
  return chainTime(url);
}

/**
 * The next midnight after `after + margin` in a zone `utcOffsetHours` from UTC
 * (fixed offsets only: the tests pick zones without daylight saving, so the
 * expected boundary is plain arithmetic, independent of the code under test).
 */
export function nextMidnight(after: Date, { utcOffsetHours = 0, marginMs = 0 } = {}): Date {
  const offset = utcOffsetHours * 60 * 60 * 1000;
  const local = after.getTime() + marginMs + offset;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS + DAY_MS - offset);
}

/** YYYY-MM-DD of `date` in a fixed-offset zone. */
export function dayAt(date: Date, utcOffsetHours = 0): string {
  return new Date(date.getTime() + utcOffsetHours * 60 * 60 * 1000).toISOString().slice(0, 10);
}
