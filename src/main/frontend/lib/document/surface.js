// The annotation layer's surface over the shared document's PDF page, as mirrorSurface is over the live page's
// mirror: the same AnnotationLayer draws pens, shapes, notes and pointers here, in the page's unscaled units, so a
// drawing stays on the same clause at any zoom and on any screen. The overlay lives inside the rendered page box
// (re-attached after each render, which replaces the box) and is scaled like the page.

import { pageKey, pageView } from './geometry.js';

/**
 * @param {import('./viewer.js').DocumentViewer} viewer
 * @returns the AnnotationLayer options for the shown page plus watch(callback) and dispose()
 */
export function documentSurface(viewer) {
  const doc = viewer.scroller.ownerDocument;
  const root = doc.createElement('div');
  root.className = 'doc-annotation-root';
  root.style.cssText = 'position:absolute;left:0;top:0;transform-origin:0 0;pointer-events:none;z-index:3;direction:ltr;';
  let shown = '';
  const attach = () => {
    const box = viewer.pageBox;
    if (box && root.parentNode !== box) box.append(root);
    return box && viewer.pageSize ? box : null;
  };
  return {
    root,
    document: doc,
    eventTarget: viewer.scroller,
    view() {
      const box = attach();
      if (!box) return { scale: 1, scrollX: 0, scrollY: 0, offsetLeft: 0, offsetTop: 0, width: 0, height: 0 };
      const size = viewer.pageSize;
      const v = pageView(box.getBoundingClientRect(), size);
      const key = `${size.width}x${size.height}@${v.scale}`;
      if (shown !== key) { // write styles only when they change
        shown = key;
        root.style.width = size.width + 'px';
        root.style.height = size.height + 'px';
        root.style.transform = `scale(${v.scale})`;
      }
      return v;
    },
    // a PDF page has no elements to anchor to: points are the page's own coordinates
    elementAt: () => null,
    nodeIdOf: () => null,
    rectOf: () => null,
    /** Added to every anchor: which document page the coordinates are on, and its unscaled size. */
    anchorFields: () => (viewer.pageSize && viewer.rendered ? { doc: viewer.meta.versionId, page: viewer.rendered.page,
      w: viewer.pageSize.width, h: viewer.pageSize.height } : {}),
    pagePointer: true,
    /** The page key of what is shown now (annotations and pointers of other pages are not drawn). */
    shownPage: () => (viewer.pageSize && viewer.rendered ? pageKey(viewer.meta.versionId, viewer.rendered.page) : null),
    watch(callback) {
      const off = viewer.onRendered(callback);
      const observer = new ResizeObserver(callback);
      observer.observe(viewer.scroller);
      return () => {
        off();
        observer.disconnect();
      };
    },
    dispose: () => root.remove(),
  };
}
