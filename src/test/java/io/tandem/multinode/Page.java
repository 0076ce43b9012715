package io.tandem.multinode;

import java.util.ArrayList;
import java.util.List;

/**
 * The customer's page as a test models it: a list of changes (mutation ids 1, 2, 3, ...). A {@code dom.mut} frame
 * carries one change, a {@code dom.snap} frame the whole page so far, as rrweb's full snapshot does. Comparing a
 * viewer's {@link Mirror} with it says whether the viewer shows the current page.
 */
final class Page {

    private final List<Integer> changes = new ArrayList<>();
    private int snapshots;

    /** Applies the next change and returns its {@code dom.mut} payload. */
    synchronized String change() {
        changes.add(changes.size() + 1);
        return "{\"m\":" + changes.size() + "}";
    }

    /** A full snapshot of the page now, as the {@code dom.snap} payload. */
    synchronized String snapshot() {
        snapshots++;
        return "{\"snap\":" + snapshots + ",\"changes\":" + changes + "}";
    }

    /** Every change so far, in order. */
    synchronized List<Integer> changes() {
        return List.copyOf(changes);
    }
}
