package io.tandem.document;

import io.smallrye.mutiny.Uni;
import io.tandem.document.repository.SessionDocumentStore;
import io.tandem.relay.listener.DocumentViewed;
import io.tandem.relay.listener.RoomListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents' ear on the relay: which versions were on the shared viewer, how long and which pages, merged into
 * what is stored. Viewing whose write failed is retried with the next batch (bounded by sessions x versions opened).
 */
@ApplicationScoped
public class RoomDocumentViewing implements RoomListener {

    private final SessionDocumentStore documents;
    private final List<DocumentViewing> unsaved = new ArrayList<>();

    public RoomDocumentViewing(SessionDocumentStore documents) {
        this.documents = documents;
    }

    @Override
    public Uni<Void> viewings(List<DocumentViewed> viewings) {
        List<DocumentViewing> batch;
        synchronized (unsaved) {
            viewings.forEach(v -> unsaved.add(
                    new DocumentViewing(v.sessionId(), v.versionId(), v.seconds(), v.pages(), v.at())));
            batch = List.copyOf(unsaved);
            unsaved.clear();
        }
        return documents.addViewings(batch).onFailure().invoke(e -> {
            synchronized (unsaved) {
                unsaved.addAll(batch);
            }
        });
    }
}
