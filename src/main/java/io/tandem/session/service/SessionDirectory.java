package io.tandem.session.service;

import io.tandem.session.colleague.ColleagueStore;
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
    private final ColleagueStore colleagues;

    public SessionDirectory(SessionQueries queries, ColleagueStore colleagues) {
        this.queries = queries;
        this.colleagues = colleagues;
    }

    /** The seat a staff member holds beside the session's owner (ADVISOR or SUPERVISOR), or null. */
    public Uni<String> colleagueSeat(UUID sessionId, UUID staffId) {
        return colleagues.seat(sessionId, staffId);
    }

    /** The session with its advisor's and customer's names, or null. */
    @WithSession
    public Uni<SessionRow> find(UUID id) {
        return queries.find(id);
    }
}
