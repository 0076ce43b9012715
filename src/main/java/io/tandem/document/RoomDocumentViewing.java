package io.tandem.document;

import io.smallrye.mutiny.Uni;
import io.tandem.document.repository.SessionDocumentStore;
import io.tandem.relay.listener.DocumentViewed;
import io.tandem.relay.listener.RoomListener;
import io.tandem.storage.OnceBatches;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The documents' ear on the relay: which versions were on the shared viewer, how long and which pages, merged into
 * what is stored, exactly once per batch (see {@link OnceBatches}): a batch whose write failed is written again under
 * its id, which the database remembers.
 */
@ApplicationScoped
public class RoomDocumentViewing implements RoomListener {

    /** Batches kept while the database is away. */
    static final int MAX_PENDING = 1_000;

    private final SessionDocumentStore documents;
    private final OnceBatches<DocumentViewing> batches = new OnceBatches<>("Document viewing", MAX_PENDING);

    public RoomDocumentViewing(SessionDocumentStore documents) {
        this.documents = documents;
    }

    @Override
    public Uni<Void> viewings(List<DocumentViewed> viewings) {
        List<DocumentViewing> fresh = viewings.stream()
                .map(v -> new DocumentViewing(v.sessionId(), v.versionId(), v.seconds(), v.pages(), v.at())).toList();
        return batches.write(fresh, b -> documents.addViewings(b.id(), b.items()));
    }
}
