package io.tandem.touchpoint.ladder;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.staff.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * The loyalty ladder's rules, an admin setting: admins read and replace them (422 with a sentence naming the rule at
 * fault when a set is invalid) or go back to the defaults; supervisors read them. A change applies to touchpoints
 * completed and ratings given after it, on every node at once.
 */
@Path("/api/admin/ladder-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class LadderRulesResource {

    private final LadderRuleStore store;
    private final SecurityIdentity identity;
    private final Clock clock;

    public LadderRulesResource(LadderRuleStore store, SecurityIdentity identity, Clock clock) {
        this.store = store;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public Uni<LadderRuleStore.StoredRules> get() {
        return store.current();
    }

    @PUT
    @WithTransaction
    public Uni<LadderRuleStore.StoredRules> replace(JsonNode body) {
        LadderRules rules = LadderRulesFormat.parse(body);
        return store.save(rules, identity.getPrincipal().getName(), clock.instant()).chain(store::current);
    }

    @DELETE
    @WithTransaction
    public Uni<LadderRuleStore.StoredRules> restoreDefaults() {
        return store.reset().chain(store::current);
    }
}
