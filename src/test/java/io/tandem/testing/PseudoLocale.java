package io.tandem.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.Map;

/**
 * The pseudo-locale check (issue 18 item 3): in en-XA every message that came through i18next is wrapped in ⟦…⟧
 * (lib/i18n.js), so visible text without the markers was not translated. The walker visits every visible text node
 * and every visible aria-label, placeholder and title, through open shadow roots, and the page's title. Exempt: what
 * is not Tandem's words — elements marked translate="no" (names, codes, the firm's own page, languages named in
 * themselves), iframes (a mirrored or shown page), text without letters — and whatever matches {@code scope.exclude}.
 * Used by PseudoLocaleTest (customer pages) and ConsoleLanguagesTest (the advisor's console).
 */
public final class PseudoLocale {

    /** Chromium's pseudo-locale. */
    public static final String PSEUDO = "en-XA";

    /**
     * The visible text under the given roots that did not come through i18n: {untranslated: [...], translated: n}.
     * {@code scope.tandem}: only tandem.js's own UI (shadow roots of [data-tandem-ui] hosts); else the whole body but
     * {@code scope.exclude}.
     */
    public static final String UNTRANSLATED = """
            (scope) => {
              const untranslated = [];
              let translated = 0;
              const letters = (s) => /\\p{L}/u.test(s);
              const marked = (s) => s.includes('\u27e6') || s.includes('\u27e7');
              const visible = (el) => el.checkVisibility({ checkVisibilityCSS: true });
              const exempt = (el) => {
                for (let e = el; e; ) {
                  if (e.closest('[translate=no]')) return true;
                  const root = e.getRootNode();
                  e = root && root.host ? root.host : null;
                }
                return false;
              };
              const where = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '');
              const check = (text, el, what) => {
                if (!letters(text)) return;
                if (marked(text)) translated++;
                else untranslated.push(where(el) + what + ': ' + JSON.stringify(text.trim()));
              };
              const visit = (node) => {
                if (node.nodeType === Node.TEXT_NODE) {
                  const el = node.parentElement;
                  if (el && node.data.trim() && visible(el) && !exempt(el)) check(node.data, el, '');
                  return;
                }
                if (node.nodeType === Node.ELEMENT_NODE) {
                  if (['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME'].includes(node.tagName)) return;
                  if (scope.exclude && node.matches(scope.exclude)) return;
                  if (visible(node) && !exempt(node)) {
                    for (const a of ['aria-label', 'placeholder', 'title']) {
                      if (node.getAttribute(a)) check(node.getAttribute(a), node, '[' + a + ']');
                    }
                  }
                  if (node.shadowRoot) visit(node.shadowRoot);
                }
                for (const child of node.childNodes) visit(child);
              };
              if (scope.tandem) {
                for (const host of document.querySelectorAll('[data-tandem-ui]')) {
                  if (host.shadowRoot) visit(host.shadowRoot);
                }
              } else {
                visit(document.body);
                check(document.title, document.documentElement, ' <title>');
              }
              return { untranslated, translated };
            }""";

    private PseudoLocale() {}

    /** Fails, naming each, when visible text of Tandem's is not translated (within 5 s of the state showing). */
    public static void allTranslated(Page page, Map<String, Object> scope, String state) {
        try {
            PageConditions.until(page, "(scope) => { const r = (" + UNTRANSLATED + ")(scope);"
                    + " return r.untranslated.length === 0 && r.translated > 0; }", scope, Duration.ofSeconds(5),
                    state);
        } catch (AssertionError e) {
            fail(state + ": text not from the message files: " + page.evaluate(UNTRANSLATED, scope));
        }
    }
}
