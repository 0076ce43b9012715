package io.tandem.video.rest;

import io.tandem.session.access.Seat;
import io.tandem.session.access.SessionAccess;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.tandem.security.CustomerCredential;
import io.tandem.security.CustomerIdentityProvider;
import io.tandem.session.repository.SessionRow;
import io.tandem.session.service.JoinService;
import io.tandem.session.service.SessionService;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import io.tandem.video.IceServers;
import io.tandem.video.SignalingTokens;
import io.tandem.video.SignalingUrl;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a browser needs for the session's video call: ICE servers, and a token for the signaling server. */
@Path("/api/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR, Roles.CUSTOMER})
public class VideoResource {

    /** STUN/TURN servers for RTCPeerConnection. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IceServersView(List<IceServers.Server> iceServers, Instant expiresAt) {}

    /** Where and how to join the session's signaling room. */
    public record SignalingView(String url, String token, Instant expiresAt, String role, String participantId) {}

    /** Who is calling, in the signaling server's terms. */
    record Caller(String participantId, String role, String name) {}

    private final SecurityIdentity identity;
    private final StaffService staff;
    private final SessionService sessions;
    private final JoinService joins;
    private final IceServers ice;
    private final SignalingTokens tokens;
    private final SignalingUrl signalingUrl;
    private final SessionAccess access;

    public VideoResource(SecurityIdentity identity, StaffService staff, SessionService sessions, JoinService joins,
            IceServers ice, SignalingTokens tokens, SignalingUrl signalingUrl, SessionAccess access) {
        this.access = access;
        this.identity = identity;
        this.staff = staff;
        this.sessions = sessions;
        this.joins = joins;
        this.ice = ice;
        this.tokens = tokens;
        this.signalingUrl = signalingUrl;
    }

    @GET
    @Path("ice-servers")
    public Uni<IceServersView> iceServers(@PathParam("id") UUID id) {
        return caller(id).map(c -> {
            IceServers.Answer answer = ice.forParticipant(id + "." + c.participantId());
            return new IceServersView(answer.iceServers(), answer.expiresAt());
        });
    }

    @POST
    @Path("signaling-token")
    public Uni<SignalingView> signalingToken(@PathParam("id") UUID id) {
        return caller(id).map(c -> {
            SignalingTokens.Minted minted = tokens.mint(id, c.participantId(), c.role(), c.name());
            return new SignalingView(signalingUrl.forSession(id), minted.token(), minted.expiresAt(), c.role(),
                    c.participantId());
        });
    }

    /** The caller's place in this live session: its advisor, a supervisor, or its customer; 410 once it is over. */
    private Uni<Caller> caller(UUID id) {
        if (identity.hasRole(Roles.CUSTOMER)) {
            CustomerCredential credential = CustomerIdentityProvider.credentialFor(identity, id);
            return joins.sessionOf(credential).map(row -> live(row, new Caller("customer", "customer",
                    row.customerName())));
        }
        return staff.current(identity).chain(me -> sessions.get(me, id).chain(row -> access.seat(me, row)
                .map(seat -> live(row, new Caller(me.id().toString(), seat == Seat.SUPERVISOR || seat == Seat.ADMIN
                        ? "supervisor"
                        : "advisor", me.displayName())))));
    }

    private static Caller live(SessionRow row, Caller caller) {
        if (row.session().status.isFinished()) {
            throw new ProblemException(ProblemType.SESSION_ENDED, "The session has ended, so no call can start.");
        }
        return caller;
    }
}
