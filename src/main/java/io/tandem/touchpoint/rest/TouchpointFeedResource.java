package io.tandem.touchpoint.rest;

import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.staff.Roles;
import io.tandem.touchpoint.repository.TouchpointChanges;
import io.tandem.touchpoint.repository.TouchpointChanges.Change;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Completed touchpoints for a CRM that pulls (or catches up after missing webhooks): a change feed with an opaque
 * cursor. Supervisors and admins (a CRM signs in as a service account with the supervisor role).
 */
@Path("/api/touchpoints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class TouchpointFeedResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** One page of the feed: items in order, the cursor to pass as {@code after} next, and whether more are waiting. */
    public record FeedPage(List<Change> items, String next, boolean more) {}

    private final TouchpointChanges changes;

    public TouchpointFeedResource(TouchpointChanges changes) {
        this.changes = changes;
    }

    @GET
    @Operation(summary = "Completed touchpoints after a cursor", description = "Each completed touchpoint in the order"
            + " of its last change (completion or feedback), as it stands now; a touchpoint appears again when its"
            + " feedback arrives, so upsert by touchpointId. Pass the answer's next as after to continue; no item is"
            + " ever skipped, even one committed late by a concurrent transaction (docs/protocol.md).")
    public Uni<FeedPage> feed(
            @Parameter(description = "Cursor from the previous answer's next (or an item's cursor); none: from the start") @QueryParam("after") String after,
            @Parameter(description = "Items per answer, 1 to 1000; default 100") @QueryParam("limit") String limit) {
        int n = limit(limit);
        return changes.after(after, n).map(items -> new FeedPage(items,
                items.isEmpty()
                        ? (after == null || after.isBlank() ? TouchpointChanges.start() : after.strip())
                        : items.get(items.size() - 1).cursor(),
                items.size() == n));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST, "limit: must be a whole number between 1 and "
                + MAX_LIMIT);
    }
}
