// The small UI tandem.js adds to a site page: the "you are sharing" banner with a Stop button and a connection
// status. It lives in a shadow root marked data-tandem-block, so it is neither mirrored nor styled by the page.

const STYLE = `
  :host { all: initial; }
  .bar { position: fixed; z-index: 2147483647; left: 50%; top: 8px; transform: translateX(-50%);
    display: flex; gap: 12px; align-items: center; padding: 8px 14px; border-radius: 999px;
    background: #163a63; color: #fff; font: 14px/1.3 system-ui, sans-serif; box-shadow: 0 4px 16px rgb(0 0 0 / 25%); }
  .dot { width: 9px; height: 9px; border-radius: 50%; background: #f5b400; }
  .dot.on { background: #2fd47a; }
  button { font: inherit; border: 0; border-radius: 999px; padding: 4px 12px; background: #fff; color: #163a63;
    cursor: pointer; }
`;

export class SharingBanner {
  constructor(advisorName, onStop) {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'banner');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style><div class="bar" role="status">
      <span class="dot"></span><span class="text"></span><span class="status"></span>
      <button type="button">Stop sharing</button></div>`;
    this.text = root.querySelector('.text');
    this.status = root.querySelector('.status');
    this.dot = root.querySelector('.dot');
    this.text.textContent = `You are sharing this page with ${advisorName || 'your advisor'}.`;
    root.querySelector('button').addEventListener('click', onStop);
    this.root = root;
  }

  show() {
    document.documentElement.appendChild(this.host);
  }

  setStatus(text, connected) {
    this.status.textContent = text;
    this.dot.classList.toggle('on', connected);
  }

  /** The status text, for tests and assistive tech. */
  statusText() {
    return this.status.textContent;
  }

  remove() {
    this.host.remove();
  }
}

/** Shown on the customer's site page while the advisor's page is on the stage: a way to go and watch it. */
export class StagePrompt {
  constructor(advisorName, onView, what = 'a page', ui = 'stage-prompt') {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', ui);
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}
      .bar { top: auto; bottom: 16px; background: #1f5fbf; }</style><div class="bar" role="status">
      <span class="text"></span><button type="button">View it</button></div>`;
    root.querySelector('.text').textContent = `${advisorName || 'Your advisor'} is showing you ${what}.`;
    root.querySelector('button').addEventListener('click', onView);
  }

  show() {
    if (!this.host.isConnected) document.documentElement.appendChild(this.host);
  }

  hide() {
    this.host.remove();
  }
}

/** At the end of the session: the rating question, with a close button. */
export class RatingCard {
  constructor(build) {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'rating');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}
      .card { position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; width: min(380px, 92vw);
        background: #fff; color: #14213d; border-radius: 12px; padding: 14px 16px;
        font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 10px 40px rgb(0 0 0 / 30%); }
      .scale { display: flex; flex-wrap: wrap; gap: 4px; margin: 8px 0; }
      .scale button { padding: 4px 8px; border: 1px solid #163a63; }
      .scale button[aria-pressed="true"] { background: #163a63; color: #fff; }
      textarea { width: 100%; box-sizing: border-box; font: inherit; }
      .send { margin-top: 6px; background: #163a63; color: #fff; }
      .close { float: right; border: 0; background: none; font-size: 18px; padding: 0 4px; }</style>
      <div class="card" role="dialog" aria-label="Your session has ended"><button type="button" class="close"
      aria-label="Close">×</button><strong>Your session has ended.</strong></div>`;
    const card = root.querySelector('.card');
    root.querySelector('.close').addEventListener('click', () => this.remove());
    build(card);
  }

  show() {
    document.documentElement.appendChild(this.host);
  }

  remove() {
    this.host.remove();
  }
}

/** The customer's drawing tools, beside their page: point, draw, mark and note for the advisor; undo and clear. */
export class DrawToolbar {
  constructor(onTool, onUndo, onClear) {
    this.host = document.createElement('div');
    this.host.setAttribute('data-tandem-block', '');
    this.host.setAttribute('data-tandem-ui', 'draw-tools');
    const root = this.host.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}
      .bar { left: auto; right: 12px; top: 50%; transform: translateY(-50%); flex-direction: column; gap: 6px;
        border-radius: 14px; padding: 8px; }
      button[aria-pressed="true"] { background: #f5b400; }</style>
      <div class="bar" role="toolbar" aria-label="Point and draw">
      <button type="button" data-tool="" aria-pressed="true">Point</button>
      <button type="button" data-tool="pen" aria-pressed="false">Pen</button>
      <button type="button" data-tool="arrow" aria-pressed="false">Arrow</button>
      <button type="button" data-tool="rect" aria-pressed="false">Box</button>
      <button type="button" data-tool="text" aria-pressed="false">Note</button>
      <button type="button" data-tool="laser" aria-pressed="false">Laser</button>
      <button type="button" data-action="undo">Undo</button>
      <button type="button" data-action="clear">Clear mine</button></div>`;
    const tools = [...root.querySelectorAll('[data-tool]')];
    for (const button of tools) {
      button.addEventListener('click', () => {
        for (const b of tools) b.setAttribute('aria-pressed', String(b === button));
        onTool(button.dataset.tool || null);
      });
    }
    root.querySelector('[data-action=undo]').addEventListener('click', onUndo);
    root.querySelector('[data-action=clear]').addEventListener('click', onClear);
  }

  show() {
    if (!this.host.isConnected) document.documentElement.appendChild(this.host);
  }

  remove() {
    this.host.remove();
  }
}
