// One way to route the relay's frames in the browser, used by the console, the customer's workspace and tandem.js:
// routes by exact type ('sys.end'), by message family ('ann.*', the part before the dot, as the server's
// MessageType.family() routes them) or for every frame ('*'), in the order they were added. Every matching route runs,
// in that order, until one claims the frame by returning true (a component that consumed it: the mirror, the call,
// the document viewer). Which routes match a type is worked out once per type and kept: a frame costs one map lookup.

export class FrameRouter {
  constructor() {
    this.routes = [];
    this.byType = new Map();
  }

  /**
   * Adds a route.
   * @param {string|string[]} patterns  'sys.end', 'ann.*' (a family) or '*' (every frame)
   * @param {(type: string, frame: object) => (boolean|void)} handler  returns true to claim the frame
   * @param {{except?: string[]}} [options]  types the patterns would match but this route leaves alone
   */
  on(patterns, handler, options = {}) {
    const list = Array.isArray(patterns) ? patterns : [patterns];
    const except = new Set(options.except || []);
    const exact = new Set(list.filter((p) => !p.endsWith('*')));
    const families = new Set(list.filter((p) => p.endsWith('.*')).map((p) => p.slice(0, -2)));
    const every = list.includes('*');
    this.routes.push({
      handler,
      matches: (type) => !except.has(type)
        && (every || exact.has(type) || families.has(type.slice(0, type.indexOf('.')))),
    });
    this.byType.clear();
    return this;
  }

  /** Routes one frame; returns true when a route claimed it. */
  dispatch(type, frame) {
    let handlers = this.byType.get(type);
    if (!handlers) {
      handlers = this.routes.filter((r) => r.matches(type)).map((r) => r.handler);
      if (this.byType.size >= 256) this.byType.clear(); // the server's types are few; never let the cache grow
      this.byType.set(type, handlers);
    }
    for (const handler of handlers) {
      if (handler(type, frame) === true) return true;
    }
    return false;
  }

  /** The router as a RelayConnection's onFrame. */
  handler() {
    return (type, frame) => { this.dispatch(type, frame); };
  }
}
