// The tab's sessionStorage, or, where the browser denies it (tandem.js in a frame of another site with third-party
// storage blocked: reading window.sessionStorage throws a SecurityError), a store in memory for this page, so
// tandem.js still starts there ("Get help", sharing for this page) and only forgets across page loads.

const memory = new Map();
const inMemory = {
  getItem: (k) => (memory.has(k) ? memory.get(k) : null),
  setItem: (k, v) => { memory.set(k, String(v)); },
  removeItem: (k) => { memory.delete(k); },
};

export function tabStorage(win = window) {
  try {
    const storage = win.sessionStorage;
    if (storage) return storage;
  } catch (e) {
    // denied: fall through
  }
  return inMemory;
}
