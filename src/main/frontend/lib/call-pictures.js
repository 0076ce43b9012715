// One picture per other person in a video call, for the console's and workspace's call panel (lib/call-panel.js) and
// the call tile on the firm's site (tandem/call-tile.js): made alike, and kept in step with the call's people alike.

import { localize, t } from './i18n.js';

/**
 * A person's picture: a figure holding their video, "<name>'s camera is off" over it (hidden until it is) and their
 * name. `classes` names the four parts for the page's styles.
 * @returns {{root: HTMLElement, video: HTMLVideoElement, placeholder: HTMLElement, label: HTMLElement}}
 */
export function picture(doc, classes) {
  const root = doc.createElement('figure');
  root.className = classes.root;
  const video = doc.createElement('video');
  video.className = classes.video;
  video.autoplay = true;
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  const placeholder = doc.createElement('p');
  placeholder.className = classes.placeholder;
  placeholder.hidden = true;
  const label = doc.createElement('figcaption');
  label.className = classes.label;
  root.append(video, placeholder, label);
  return { root, video, placeholder, label };
}

/**
 * Keeps `shown` (peer id -> picture) in step with `peers` (from Call's onRemotePeers), in the order they came: the
 * picture of someone who left is emptied and removed, a newcomer's is made by `make()` and put in place by
 * `place(picture)`, and each shows its person's name (`nameOf(peer)`), stream and camera state.
 */
export function showPictures(shown, peers, { make, place, nameOf }) {
  const here = new Set(peers.map((p) => p.peerId));
  for (const [id, pic] of shown) {
    if (!here.has(id)) {
      pic.video.srcObject = null;
      pic.root.remove();
      shown.delete(id);
    }
  }
  for (const p of peers) {
    let pic = shown.get(p.peerId);
    if (!pic) {
      pic = make();
      shown.set(p.peerId, pic);
      place(pic);
    }
    const name = nameOf(p);
    pic.label.textContent = name;
    pic.label.setAttribute('translate', 'no');
    pic.video.setAttribute('aria-label', name);
    pic.video.setAttribute('translate', 'no'); // a name, as the label
    localize(pic.placeholder, 'call.theirCameraOff', { name });
    pic.placeholder.hidden = !p.muted.video;
    if (pic.video.srcObject !== p.stream) pic.video.srcObject = p.stream;
  }
}

/** One line per person whose microphone or camera is off: "Alice Archer: microphone muted, camera off". */
export function mutedLines(peers, nameOf) {
  return peers.map((p) => {
    const parts = [p.muted.audio ? t('call.microphoneMuted') : null, p.muted.video ? t('call.cameraIsOff') : null]
      .filter(Boolean);
    return parts.length ? t('call.mutedLine', { name: nameOf(p), parts: parts.join(', ') }) : null;
  }).filter(Boolean);
}
