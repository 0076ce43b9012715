// Canvas content (a chart, a signature pad) mirrored as sampled images. On the customer's side rrweb samples every
// canvas at the site's frame rate (data-tandem-canvas-fps on the tandem.js tag) and encodes it off the main thread;
// each changed frame becomes an rr_dataURL attribute change of the canvas, the same form a snapshot carries, so
// sanitize.js decides about both in one place (no image of a canvas in a masked, blocked or, in private-by-default
// mode, not revealed place ever leaves) and a replay rebuilds it natively. A frame larger than MAX_FRAME_BYTES is
// dropped, not sent. On the viewer's side canvasFramePlugin shows each image on the mirrored canvas (see
// showCanvasImage): the mirror runs no script, so rrweb's canvas replay (which needs scripts in the mirror) stays off.

export const DEFAULT_FPS = 2;
export const MAX_FPS = 10;
/** The largest image of one canvas sent (data URL characters, one byte each): larger frames are dropped. */
export const MAX_FRAME_BYTES = 128 * 1024;
/** How frames are encoded: WebP at this quality (browsers without a WebP encoder fall back to PNG). */
export const DATA_URL_OPTIONS = { type: 'image/webp', quality: 0.8 };

const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const MUTATION = 0;
const CANVAS_MUTATION = 9;

/**
 * The site's frame-rate cap from the tandem.js tag: data-tandem-canvas-fps, a number of frames per second from 0
 * (canvas is not mirrored) to MAX_FPS; absent or not a number: DEFAULT_FPS.
 * @param {string|null|undefined} attribute  the attribute's value
 */
export function canvasFps(attribute) {
  if (attribute === null || attribute === undefined || String(attribute).trim() === '') return DEFAULT_FPS;
  const fps = Number(attribute);
  if (!Number.isFinite(fps)) return DEFAULT_FPS;
  return Math.min(MAX_FPS, Math.max(0, fps));
}

/** rrweb record options for the frame rate (0: no canvas recording at all). */
export function canvasRecordOptions(fps) {
  if (!(fps > 0)) return { recordCanvas: false, sampling: {} };
  return { recordCanvas: true, sampling: { canvas: fps }, dataURLOptions: DATA_URL_OPTIONS };
}

/**
 * rrweb's sampled frame (a canvas mutation: clearRect, then drawImage of one encoded image) as an attribute change
 * setting the canvas's rr_dataURL; other events are returned as they are. Any other canvas mutation (rrweb's
 * command-by-command recording, which this product does not use) and any frame over MAX_FRAME_BYTES give null.
 */
export function canvasFrame(event, maxBytes = MAX_FRAME_BYTES) {
  if (!event || event.type !== INCREMENTAL || !event.data || event.data.source !== CANVAS_MUTATION) return event;
  const draw = (event.data.commands || []).find((c) => c && c.property === 'drawImage');
  const bitmap = draw && draw.args && draw.args[0];
  const blob = bitmap && bitmap.rr_type === 'ImageBitmap' && bitmap.args && bitmap.args[0];
  const buffer = blob && blob.rr_type === 'Blob' && blob.data && blob.data[0];
  if (!buffer || buffer.rr_type !== 'ArrayBuffer' || typeof buffer.base64 !== 'string') return null;
  const type = /^image\/[a-z]+$/.test(blob.type || '') ? blob.type : 'image/png';
  const dataURL = `data:${type};base64,${buffer.base64}`;
  if (dataURL.length > maxBytes) return null;
  return {
    type: INCREMENTAL,
    timestamp: event.timestamp,
    data: { source: MUTATION, texts: [], removes: [], adds: [],
      attributes: [{ id: event.data.id, attributes: { rr_dataURL: dataURL } }] },
  };
}

/** A snapshot's (or an added node's) canvas image over the limit is left out: the canvas shows blank, not stale. */
export function dropOversizedImage(attributes, maxBytes = MAX_FRAME_BYTES) {
  if (attributes && typeof attributes.rr_dataURL === 'string' && attributes.rr_dataURL.length > maxBytes) {
    delete attributes.rr_dataURL;
  }
}

/** A canvas image the mirror shows: only an image data URL (it goes into a CSS url()). */
const IMAGE_URL = /^data:image\/(webp|png|jpeg);base64,[A-Za-z0-9+/]+=*$/;

/**
 * Shows a canvas image on a mirrored canvas. The mirror runs no script, and a browser with scripting off renders a
 * canvas as its fallback content, not as a bitmap; so the mirrored canvas is a box of the canvas's laid-out size (the
 * mirror's styles make it an inline block, lib/mirror.js) with the image as its background over the content box.
 */
export function showCanvasImage(canvas, url, width, height) {
  if (!canvas || !canvas.style) return;
  if (typeof width === 'string' && /^[\d.]+px$/.test(width)) canvas.style.width = width;
  if (typeof height === 'string' && /^[\d.]+px$/.test(height)) canvas.style.height = height;
  if (typeof url !== 'string' || !IMAGE_URL.test(url)) return;
  canvas.style.backgroundImage = `url("${url}")`;
  canvas.style.backgroundSize = '100% 100%';
  canvas.style.backgroundRepeat = 'no-repeat';
  canvas.style.backgroundOrigin = 'content-box';
  for (const name of ['rr_dataURL', 'rr_width', 'rr_height']) canvas.removeAttribute(name);
}

/**
 * An rrweb replay plugin that shows canvas images on the mirrored canvases, live and in a replay: the image a
 * snapshot or an added canvas carries when it is built, and each sampled frame (an rr_dataURL attribute change) as
 * it is played. When a replay seeks, rrweb plays the events before that point at once into a virtual DOM and then
 * applies it ("flush"): the last frame of each canvas is shown after that.
 */
export function canvasFramePlugin() {
  const pending = new Map(); // canvas id → its last frame played at once, shown on flush
  let listening = null;
  const show = (replayer, id, a) => {
    const canvas = replayer.getMirror().getNode(id);
    if (canvas && canvas.nodeName === 'CANVAS') showCanvasImage(canvas, a.rr_dataURL, a.rr_width, a.rr_height);
  };
  return {
    onBuild(node, { replayer }) {
      if (!node || node.nodeName !== 'CANVAS' || typeof node.getAttribute !== 'function') return;
      const meta = replayer.getMirror().getMeta(node) || {};
      const attributes = meta.attributes || {};
      showCanvasImage(node, attributes.rr_dataURL, undefined, undefined);
    },
    handler(event, isSync, { replayer }) {
      if (listening !== replayer && typeof replayer.on === 'function') {
        listening = replayer;
        replayer.on('flush', () => {
          for (const [id, attributes] of pending) show(replayer, id, attributes);
          pending.clear();
        });
      }
      if (!event || !event.data) return;
      if (event.type === FULL_SNAPSHOT) pending.clear(); // the snapshot's images are newer
      if (event.type !== INCREMENTAL || event.data.source !== MUTATION) return;
      for (const change of event.data.attributes || []) {
        const a = change.attributes || {};
        if (typeof a.rr_dataURL !== 'string') continue;
        if (isSync) pending.set(change.id, a);
        else show(replayer, change.id, a);
      }
    },
  };
}
