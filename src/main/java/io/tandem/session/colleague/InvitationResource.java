package io.tandem.session.colleague;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tandem.config.TandemConfig;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The invitations addressed to the caller (or their team): listed, streamed live to the console, accepted or
 * declined.
 */
@Path("/api/invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR})
public class InvitationResource {

    private final Colleagues colleagues;
    private final StaffService staff;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final InvitationFeed feed;
    private final ObjectMapper json;
    /** A comment line this often keeps a quiet stream open through the HTTP idle timeout (40 s) and proxies. */
    private final Duration keepAliveEvery;

    public InvitationResource(Colleagues colleagues, StaffService staff, SecurityIdentity identity, Clock clock,
            InvitationFeed feed, ObjectMapper json, TandemConfig config) {
        this.keepAliveEvery = config.invitations().keepAlive();
        this.colleagues = colleagues;
        this.staff = staff;
        this.identity = identity;
        this.clock = clock;
        this.feed = feed;
        this.json = json;
    }

    @GET
    public Uni<List<InvitationView>> pending() {
        return staff.current(identity).chain(colleagues::pending).map(this::views);
    }

    /**
     * Server-sent events: {@code event: invitations} with the caller's pending invitations, once on connect and again
     * whenever the list changes (at once for changes on this node; within 10 s otherwise, and on expiry).
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Duration left = tokenLeft();
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(keepAliveEvery)
                .map(t -> sse.newEventBuilder().comment("keep-alive").build());
        return staff.current(identity).onItem().transformToMulti(me -> Multi.createBy().merging().streams(feed
                .rereads()
                .onItem().transformToUni(x -> colleagues.pending(me)).concatenate()
                .map(rows -> write(views(rows)))
                .skip().repetitions()
                .map(data -> sse.newEventBuilder().name("invitations").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(data).build()),
                keepAlive)
                // the stream ends when the token it was opened with does: the console reopens it with a fresh one
                .select().first(left));
    }

    /** How long the caller's access token is still valid (a token without an expiry: an hour at most). */
    private Duration tokenLeft() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0) {
            return Duration
                    .ofSeconds(Math.max(1, token.getExpirationTime() - java.time.Instant.now().getEpochSecond()));
        }
        return Duration.ofHours(1);
    }

    @POST
    @Path("{id}/accept")
    public Uni<Map<String, Object>> accept(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> colleagues.accept(me, id))
                .map(inv -> Map.of("sessionId", inv.sessionId(), "kind", inv.kind().toLowerCase(
                        java.util.Locale.ROOT), "workspaceUrl", "/console/?session=" + inv.sessionId()));
    }

    @POST
    @Path("{id}/decline")
    public Uni<Response> decline(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> colleagues.decline(me, id)).map(x -> Response.noContent()
                .build());
    }

    private List<InvitationView> views(List<InvitationRow> rows) {
        return rows.stream().map(r -> InvitationView.of(r, clock.instant())).toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
