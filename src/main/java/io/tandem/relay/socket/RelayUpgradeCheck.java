package io.tandem.relay.socket;

import io.tandem.audit.AuditAction;
import io.tandem.audit.AuditLog;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.tandem.relay.protocol.Role;
import io.tandem.relay.bridge.RelayBridge;
import io.tandem.relay.room.Participant;
import io.tandem.security.CustomerCredential;
import io.tandem.security.CustomerIdentityProvider;
import io.tandem.session.SessionStatus;
import io.tandem.session.repository.SessionRow;
import io.tandem.signaling.WebSocketOrigins;
import io.tandem.session.service.SessionDirectory;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides every relay upgrade before the 101: Origin on the allow-list (403), an authenticated staff member or
 * customer (401), a session that exists (404) and is not over (410), and the right to be in it (403). A refused
 * upgrade never becomes a WebSocket.
 */
@ApplicationScoped
public class RelayUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<Admission> ADMISSION = new UserData.TypedKey<>("tandem.admission");
    private static final Logger LOG = Logger.getLogger(RelayUpgradeCheck.class);
    private final RelayBridge bridge;

    private final WebSocketOrigins origins;
    private final SessionDirectory sessions;
    private final StaffService staff;
    private final AuditLog audit;

    public RelayUpgradeCheck(WebSocketOrigins origins, SessionDirectory sessions, StaffService staff, AuditLog audit,
            RelayBridge bridge) {
        this.audit = audit;
        this.bridge = bridge;
        this.origins = origins;
        this.sessions = sessions;
        this.staff = staff;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return RelayEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext ctx) {
        if (bridge.stopping()) {
            return CheckResult.rejectUpgrade(503); // shutting down: the client retries, reaching another node
        }
        String origin = ctx.httpRequest().getHeader("Origin");
        if (!origins.allows(origin)) {
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

    private Uni<CheckResult> admit(HttpUpgradeContext ctx, SecurityIdentity identity, UUID sessionId) {
        return sessions.find(sessionId).chain(row -> {
            if (row == null) {
                return CheckResult.rejectUpgrade(404);
            }
            if (row.session().status.isFinished()) {
                return CheckResult.rejectUpgrade(410);
            }
            if (identity.hasRole(Roles.CUSTOMER)) {
                return customer(ctx, identity, row);
            }
            if (identity.hasRole(Roles.STAGE)) {
                return stage(ctx, identity, row);
            }
            return staff.current(identity).chain(me -> {
                boolean owner = row.isAdvisedBy(me);
                if (!owner && !me.isSupervisor()) {
                    LOG.infof("Refused relay upgrade: %s is not in session %s", me.id(), sessionId);
                    return CheckResult.rejectUpgrade(403);
                }
                Role role = owner ? Role.ADVISOR : Role.SUPERVISOR;
                Uni<Void> audited = owner
                        ? Uni.createFrom().voidItem()
                        : audit.record(me, AuditAction.WATCH, sessionId, row.session().customerId, "live");
                return audited.chain(() -> permit(ctx, new Admission(sessionId, new Participant(me.id().toString(),
                        role, me.displayName()), StaffToken.of(identity))));
            });
        });
    }

    private Uni<CheckResult> customer(HttpUpgradeContext ctx, SecurityIdentity identity, SessionRow row) {
        CustomerCredential credential = identity.getAttribute(CustomerIdentityProvider.CREDENTIAL_ATTRIBUTE);
        if (credential == null || !credential.sessionId().equals(row.session().id)
                || !credential.customerId().equals(row.session().customerId)) {
            return CheckResult.rejectUpgrade(403);
        }
        if (row.session().status != SessionStatus.ACTIVE) {
            return CheckResult.rejectUpgrade(403);
        }
        return permit(ctx, new Admission(row.session().id,
                new Participant(Participant.CUSTOMER_ID, Role.CUSTOMER, row.customerName())));
    }

    /** The advisor's page on the stage: the session's own advisor, as participant stage:{advisorId}. */
    private Uni<CheckResult> stage(HttpUpgradeContext ctx, SecurityIdentity identity, SessionRow row) {
        CustomerCredential credential = identity.getAttribute(CustomerIdentityProvider.CREDENTIAL_ATTRIBUTE);
        if (credential == null || !credential.sessionId().equals(row.session().id)
                || !credential.customerId().equals(row.session().advisorId)) {
            return CheckResult.rejectUpgrade(403);
        }
        return permit(ctx, new Admission(row.session().id, new Participant(
                Participant.stageId(row.session().advisorId.toString()), Role.ADVISOR, row.advisorName() + " (page)")));
    }

    /** Admitted: where the session's room lives is settled (multi-node relay) before the 101. */
    private Uni<CheckResult> permit(HttpUpgradeContext ctx, Admission admission) {
        return bridge.resolve(admission.sessionId()).chain(holder -> {
            ctx.userData().put(ADMISSION, admission.heldBy(holder));
            return CheckResult.permitUpgrade();
        });
    }
}
