package io.tandem.session.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tandem.session.repository.SessionQueries;
import io.tandem.session.repository.SessionRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Read access to sessions for other features (the relay's admission check), without exposing repositories. */
@ApplicationScoped
public class SessionDirectory {

    private final SessionQueries queries;

    public SessionDirectory(SessionQueries queries) {
        this.queries = queries;
    }

    /** The session with its advisor's and customer's names, or null. */
    @WithSession
    public Uni<SessionRow> find(UUID id) {
        return queries.find(id);
    }
}
