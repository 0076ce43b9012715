package io.tandem.relay.socket;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.tandem.relay.protocol.Role;
import io.tandem.relay.room.Participant;
import io.tandem.relay.router.RoomRouter;
import io.tandem.session.access.Access;
import io.tandem.session.access.Refusal;
import io.tandem.session.access.SessionAccess;
import io.tandem.signaling.WebSocketOrigins;
import io.tandem.site.SiteOrigins;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides every relay upgrade before the 101: a node that is not leaving (503), Origin on the allow-list (403), an
 * authenticated staff member or customer (401), then the session feature's access policy: a session that exists
 * (404) and is not over (410), and the right to be in it (403). The router then settles where the room lives. A
 * refused upgrade never becomes a WebSocket.
 */
@ApplicationScoped
public class RelayUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<Admission> ADMISSION = new UserData.TypedKey<>("tandem.admission");
    private static final Logger LOG = Logger.getLogger(RelayUpgradeCheck.class);
    private final SiteOrigins origins;
    private final SessionAccess access;
    private final RoomRouter router;

    public RelayUpgradeCheck(SiteOrigins origins, SessionAccess access, RoomRouter router) {
        this.origins = origins;
        this.access = access;
        this.router = router;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return RelayEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext ctx) {
        if (router.stopping()) {
            return CheckResult.rejectUpgrade(503); // shutting down: the client retries, reaching another node
        }
        String origin = ctx.httpRequest().getHeader("Origin");
        if (!origins.webSockets().allows(origin)) { // an in-memory snapshot: no I/O per upgrade
            LOG.infof("Refused relay upgrade from origin %s", WebSocketOrigins.printable(origin));
            return CheckResult.rejectUpgrade(403);
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            return CheckResult.rejectUpgrade(404);
        }
        return ctx.securityIdentity().onFailure().recoverWithItem((SecurityIdentity) null)
                .chain(identity -> identity == null || identity.isAnonymous()
                        ? unauthenticated(ctx)
                        : admit(ctx, identity, sessionId));
    }

    /**
     * 401 without a 101, in one short log line (never the token). A bad token has been answered already: Quarkus
     * renders the failed authentication as 401 while the identity is resolved. Rejecting again would write a second
     * response head and failing would reach the error handler, each an ERROR with a stack trace per request; the check
     * then never completes, and the request ends with the response already sent.
     */
    private static Uni<CheckResult> unauthenticated(HttpUpgradeContext ctx) {
        LOG.infof("Refused relay upgrade: not authenticated (%s)", ctx.httpRequest().remoteAddress());
        if (ctx.httpRequest().response().headWritten() || ctx.httpRequest().response().ended()) {
            return Uni.createFrom().nothing();
        }
        return CheckResult.rejectUpgrade(401);
    }

    /** The session's access policy decides; the relay turns its seat into a participant of the room. */
    private Uni<CheckResult> admit(HttpUpgradeContext ctx, SecurityIdentity identity, UUID sessionId) {
        return access.live(identity, sessionId).chain(a -> {
            if (!a.granted()) {
                if (a.refusal() == Refusal.NOT_YOURS && a.personId() != null) {
                    LOG.infof("Refused relay upgrade: %s is not in session %s", a.personId(), sessionId);
                }
                return CheckResult.rejectUpgrade(a.refusal().status());
            }
            return permit(ctx, switch (a.seat()) {
                case CUSTOMER -> new Admission(sessionId, new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER,
                        a.name()));
                case STAGE -> new Admission(sessionId, new Participant(Participant.stageId(a.personId()),
                        Role.ADVISOR, a.name() + " (page)"));
                case ADVISOR -> staff(sessionId, a, Role.ADVISOR, identity);
                case SUPERVISOR -> staff(sessionId, a, Role.SUPERVISOR, identity);
                case ADMIN -> throw new IllegalStateException("admins do not enter sessions live");
            });
        });
    }

    private static Admission staff(UUID sessionId, Access a, Role role, SecurityIdentity identity) {
        return new Admission(sessionId, new Participant(a.personId(), role, a.name()), StaffToken.of(identity));
    }

    /** Admitted: where the session's room lives is settled (multi-node relay) before the 101. */
    private Uni<CheckResult> permit(HttpUpgradeContext ctx, Admission admission) {
        return router.resolve(admission.sessionId()).chain(holder -> {
            ctx.userData().put(ADMISSION, admission.heldBy(holder));
            return CheckResult.permitUpgrade();
        });
    }
}
