package io.tandem.testing;

import com.microsoft.playwright.Page;
import java.util.List;

/**
 * What makes a page hard to use on a phone, as sentences: the page scrolls sideways (wider than the phone), or a
 * visible control (button, link, field, [role=button], also inside open shadow roots) is smaller than 44×44 px or
 * covered by something else at its centre, or a box tandem.js floats over the site sticks out of the screen's sides.
 */
public final class TouchLayout {

    /** The smallest target a finger hits reliably (WCAG 2.5.5, and Apple's and Google's guidelines). */
    public static final int TARGET = 44;

    private static final String PROBLEMS = """
            ([scope, width, target]) => {
              const problems = [];
              const page = document.documentElement;
              if (innerWidth !== width) problems.push(`the viewport is ${innerWidth} px wide, not ${width} (zoomed out)`);
              if (page.scrollWidth > innerWidth) problems.push(`the page scrolls sideways: ${page.scrollWidth} px wide`);
              const CONTROLS = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button],'
                + ' [role=link]';
              const controls = [];
              const floating = []; // what tandem.js lays over the site: it must stay on the screen
              const walk = (root) => {
                controls.push(...root.querySelectorAll(CONTROLS));
                for (const el of root.querySelectorAll('*')) {
                  if (el.shadowRoot) walk(el.shadowRoot);
                  if (root.host && getComputedStyle(el).position === 'fixed') floating.push(el);
                }
              };
              const hosts = scope ? [...document.querySelectorAll(scope)] : [page];
              for (const host of hosts) {
                if (host.shadowRoot) walk(host.shadowRoot);
                else walk(host);
              }
              const name = (el) => {
                const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder')
                  || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
                const root = el.getRootNode();
                const where = root.host ? ` in [data-tandem-ui=${root.host.getAttribute('data-tandem-ui')}]` : '';
                return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"${where}`;
              };
              for (const el of controls) {
                const r = el.getBoundingClientRect();
                const style = getComputedStyle(el);
                // not shown (display: none, collapsed, invisible), or visually hidden for screen readers only
                if (r.width <= 1 || r.height <= 1 || style.visibility === 'hidden') continue;
                if (r.width < target - 0.5 || r.height < target - 0.5) {
                  problems.push(`${name(el)} is ${Math.round(r.width)}×${Math.round(r.height)} px`);
                }
                // on the screen, a finger on its centre reaches it, not something laid over it
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
                let hit = document.elementFromPoint(x, y);
                while (hit && hit.shadowRoot && hit.shadowRoot.elementFromPoint(x, y) !== hit) {
                  const inner = hit.shadowRoot.elementFromPoint(x, y);
                  if (!inner) break;
                  hit = inner;
                }
                if (hit && hit !== el && !el.contains(hit)) {
                  const over = hit.getRootNode().host || hit;
                  problems.push(`${name(el)} is covered by ${over.tagName.toLowerCase()}`
                    + `${over.getAttribute('data-tandem-ui') ? '[data-tandem-ui=' + over.getAttribute('data-tandem-ui') + ']' : ''}`
                    + ` ${hit.className ? '.' + String(hit.className).split(' ')[0] : ''}`);
                }
              }
              for (const el of floating) {
                const r = el.getBoundingClientRect();
                if (r.width > 1 && (r.left < -0.5 || r.right > innerWidth + 0.5)) {
                  problems.push(`${name(el)} sticks out of the screen (${Math.round(r.left)} to ${Math.round(r.right)})`);
                }
              }
              return problems;
            }""";

    private TouchLayout() {}

    /**
     * @param scope hosts to look in (tandem.js's UI on the firm's site: {@code [data-tandem-ui]}), or null for the
     *              whole page
     * @param width the phone's width in CSS px
     */
    @SuppressWarnings("unchecked")
    public static List<String> problems(Page page, String scope, int width) {
        return (List<String>) page.evaluate(PROBLEMS, List.of(scope == null ? "" : scope, width, TARGET));
    }
}
