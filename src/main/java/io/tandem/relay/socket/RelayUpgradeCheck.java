package io.tandem.relay.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.tandem.api.ProblemType;
import io.tandem.relay.protocol.Role;
import io.tandem.relay.room.Participant;
import io.tandem.relay.router.RoomRouter;
import io.tandem.session.access.Access;
import io.tandem.session.access.Refusal;
import io.tandem.session.access.SessionAccess;
import io.tandem.signaling.WebSocketOrigins;
import io.tandem.site.SiteOrigins;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides every relay upgrade before the 101: a node that is not leaving (503), Origin on the allow-list (403), a
 * credential not refused a moment ago for connecting too fast (429, before it is checked), an authenticated staff
 * member or customer (401), then the session feature's access policy: a session that exists (404) and is not over
 * (410), and the right to be in it (403). The router then settles where the room lives, and the endpoint takes a
 * connect from the participant's budget (429). A refused upgrade is answered with its status and a problem+json body,
 * and never becomes a WebSocket.
 */
@ApplicationScoped
public class RelayUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(RelayUpgradeCheck.class);
    /** A credential offered as a subprotocol entry: quarkus-http-upgrade#Authorization#<value>, URL-encoded. */
    private static final String HEADER_ENTRY = "quarkus-http-upgrade";
    private final SiteOrigins origins;
    private final SessionAccess access;
    private final RoomRouter router;
    private final IdentityProviderManager identities;
    private final ObjectMapper json;
    private final ParticipantBudgets budgets;

    public RelayUpgradeCheck(SiteOrigins origins, SessionAccess access, RoomRouter router,
            IdentityProviderManager identities, ObjectMapper json, ParticipantBudgets budgets) {
        this.budgets = budgets;
        this.identities = identities;
        this.json = json;
        this.origins = origins;
        this.access = access;
        this.router = router;
    }

    /** The admission, or null once the refusal has been answered. */
    Uni<Admission> perform(RoutingContext ctx, String sessionParam) {
        HttpServerRequest request = ctx.request();
        if (router.stopping()) {
            // shutting down: the client retries, reaching another node
            return refuse(ctx, ProblemType.UNAVAILABLE,
                    "This server is shutting down: connect again to reach another.");
        }
        String origin = request.getHeader("Origin");
        if (!origins.webSockets().allows(origin)) { // an in-memory snapshot: no I/O per upgrade
            LOG.infof("Refused relay upgrade from origin %s", WebSocketOrigins.printable(origin));
            return refuse(ctx, ProblemType.FORBIDDEN, "Pages of this origin may not open the relay.");
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(sessionParam);
        } catch (IllegalArgumentException e) {
            return refuse(ctx, ProblemType.UNKNOWN_SESSION, "There is no session with this id.");
        }
        propagateCredential(request);
        long wait = budgets.cooling(request.getHeader("Authorization"), System.nanoTime());
        if (wait > 0) { // its refusal was logged once; the loop that follows is not
            refuseRate(ctx, wait);
            return Uni.createFrom().nullItem();
        }
        return QuarkusHttpUser.getSecurityIdentity(ctx, identities).onFailure().recoverWithItem((SecurityIdentity) null)
                .chain(identity -> identity == null || identity.isAnonymous()
                        ? unauthenticated(ctx)
                        : admit(ctx, identity, sessionId));
    }

    /**
     * Browsers cannot set headers on a WebSocket: the console and the join page offer their credential as a
     * subprotocol entry, which becomes the Authorization header the authentication mechanisms read (unless a filter
     * did so already), and leaves the offered subprotocols.
     */
    static void propagateCredential(HttpServerRequest request) {
        String offered = request.getHeader("Sec-WebSocket-Protocol");
        if (offered == null || !offered.contains(HEADER_ENTRY)) {
            return;
        }
        StringBuilder rest = new StringBuilder();
        for (String entry : offered.split(",")) {
            String e = entry.trim();
            if (e.startsWith(HEADER_ENTRY)) {
                String[] parts = java.net.URLDecoder.decode(e, java.nio.charset.StandardCharsets.UTF_8).split("#", 3);
                if (parts.length == 3 && parts[1].equalsIgnoreCase("Authorization")
                        && request.getHeader("Authorization") == null) {
                    request.headers().set("Authorization", parts[2]);
                }
            } else if (!e.isEmpty()) {
                rest.append(rest.isEmpty() ? "" : ", ").append(e);
            }
        }
        request.headers().set("Sec-WebSocket-Protocol", rest.toString());
    }

    /**
     * Opens the admitted participant's budget for one more socket, or answers 429 with a Retry-After when it connects
     * faster than its rate (its credential is then refused at once until it may connect again). Null when refused.
     */
    ParticipantBudget openBudget(RoutingContext ctx, Admission admission) {
        long now = System.nanoTime();
        ParticipantBudget budget = budgets.open(admission.sessionId(), admission.participant().id(),
                ctx.request().getHeader("Authorization"), now);
        if (budget == null) {
            refuseRate(ctx, budgets.cooling(ctx.request().getHeader("Authorization"), now));
        }
        return budget;
    }

    private void refuseRate(RoutingContext ctx, long waitNanos) {
        UpgradeRefusal.answer(ctx, json, ProblemType.RATE_LIMITED,
                "Too many connections in a short time: connect again in a moment.",
                Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
    }

    private Uni<Admission> refuse(RoutingContext ctx, ProblemType type, String detail) {
        UpgradeRefusal.answer(ctx, json, type, detail);
        return Uni.createFrom().nullItem();
    }

    /**
     * 401 without a 101, in one short log line (never the token). A bad token has been answered, and its refusal
     * logged, by the application's problem mappers while the identity was resolved: then nothing more is written.
     */
    private Uni<Admission> unauthenticated(RoutingContext ctx) {
        if (ctx.response().headWritten() || ctx.response().ended()) {
            return Uni.createFrom().nullItem();
        }
        LOG.infof("Refused relay upgrade: not authenticated (%s)", ctx.request().remoteAddress());
        return refuse(ctx, ProblemType.UNAUTHENTICATED, "Sign in, or join with your code, to open the relay.");
    }

    /** The session's access policy decides; the relay turns its seat into a participant of the room. */
    private Uni<Admission> admit(RoutingContext ctx, SecurityIdentity identity, UUID sessionId) {
        return access.live(identity, sessionId).chain(a -> {
            if (!a.granted()) {
                if (a.refusal() == Refusal.NOT_YOURS && a.personId() != null) {
                    LOG.infof("Refused relay upgrade: %s is not in session %s", a.personId(), sessionId);
                }
                return switch (a.refusal()) {
                    case UNKNOWN_SESSION -> refuse(ctx, ProblemType.UNKNOWN_SESSION,
                            "There is no session with this id.");
                    case SESSION_OVER -> refuse(ctx, ProblemType.SESSION_ENDED, "This session has ended.");
                    case NOT_LIVE -> refuse(ctx, ProblemType.FORBIDDEN, "This session is not live.");
                    case NOT_YOURS -> refuse(ctx, ProblemType.FORBIDDEN, "This session is not yours to join.");
                };
            }
            return permit(switch (a.seat()) {
                case CUSTOMER -> new Admission(sessionId, new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER,
                        a.name()));
                case STAGE -> new Admission(sessionId, new Participant(Participant.stageId(a.personId()),
                        Role.ADVISOR, a.name() + " (page)"));
                case ADVISOR -> staff(sessionId, a, Role.ADVISOR, true, false, identity);
                case COLLEAGUE -> staff(sessionId, a, Role.ADVISOR, false, false, identity);
                case STEPPED_IN -> staff(sessionId, a, Role.ADVISOR, false, true, identity);
                case SUPERVISOR -> staff(sessionId, a, Role.SUPERVISOR, false, false, identity);
                case ADMIN -> throw new IllegalStateException("admins do not enter sessions live");
            });
        });
    }

    private static Admission staff(UUID sessionId, Access a, Role role, boolean owner, boolean supervisor,
            SecurityIdentity identity) {
        return new Admission(sessionId, new Participant(a.personId(), role, a.name(), a.team(), owner, supervisor),
                StaffToken.of(identity));
    }

    /** Admitted: where the session's room lives is settled (multi-node relay) before the 101. */
    private Uni<Admission> permit(Admission admission) {
        return router.resolve(admission.sessionId()).map(admission::heldBy);
    }
}
