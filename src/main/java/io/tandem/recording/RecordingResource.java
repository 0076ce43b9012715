package io.tandem.recording;

import io.tandem.api.ProblemException;
import io.tandem.api.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tandem.audit.AuditAction;
import io.tandem.audit.AuditLog;
import io.tandem.session.SessionStatus;
import io.tandem.session.service.SessionService;
import io.tandem.staff.Roles;
import io.tandem.staff.StaffService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A session's recording, for supervisors. */
@Path("/api/sessions/{id}/recording")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class RecordingResource {

    private final SessionService sessions;
    private final StaffService staff;
    private final SecurityIdentity identity;
    private final RecordingStore store;
    private final long maxReplayBytes;
    private final AuditLog audit;
    private final ChainSeal seal;

    public RecordingResource(SessionService sessions, StaffService staff, SecurityIdentity identity,
            RecordingStore store, AuditLog audit, ChainSeal seal,
            @ConfigProperty(name = "tandem.recording.max-replay-bytes", defaultValue = "67108864") long maxReplayBytes) {
        this.sessions = sessions;
        this.staff = staff;
        this.identity = identity;
        this.store = store;
        this.maxReplayBytes = maxReplayBytes;
        this.audit = audit;
        this.seal = seal;
    }

    /**
     * The recording for replay: frames in order (decompressed, payloads as text) with the chain's verification. At most
     * tandem.recording.max-replay-bytes of frames; beyond, the answer is marked truncated. Every read is audited.
     */
    @GET
    public Uni<RecordingView> read(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> sessions.get(me, id).call(row -> notErased(id)).chain(row -> {
            boolean over = row.session().status == SessionStatus.ENDED || row.session().status == SessionStatus.EXPIRED;
            return store.chunks(id)
                    .emitOn(Infrastructure.getDefaultWorkerPool()) // decompressing is CPU work: off the event loop
                    .map(chunks -> RecordingView.of(id, chunks, Verification.of(id, chunks, over, seal),
                            maxReplayBytes))
                    .call(view -> audit.record(me, AuditAction.REPLAY, id, row.session().customerId,
                            view.frames().size() + " frames" + (view.verification().intact() ? "" : ", chain broken")));
        }));
    }

    /** A recording erased with its customer's data answers 404, saying so: there is nothing left to replay. */
    private Uni<Void> notErased(UUID sessionId) {
        return store.customerErasedAt(sessionId).invoke(erasedAt -> {
            if (erasedAt != null) {
                throw new ProblemException(ProblemType.RECORDING_ERASED, "This session's recording was erased with"
                        + " the customer's personal data on " + erasedAt.toLocalDate() + ": there is nothing to"
                        + " replay. The session's touchpoint and the audit log remain.");
            }
        }).replaceWithVoid();
    }

    /**
     * Whether the chain of chunks is intact (unaltered, no gaps, every chunk sealed by this server) and complete
     * (nothing dropped, final chunk).
     */
    @GET
    @Path("verify")
    public Uni<Verification> verify(@PathParam("id") UUID id) {
        return staff.current(identity).chain(me -> sessions.get(me, id)).call(row -> notErased(id)).chain(row -> {
            boolean over = row.session().status == SessionStatus.ENDED || row.session().status == SessionStatus.EXPIRED;
            return store.chunks(id).map(chunks -> Verification.of(id, chunks, over, seal));
        });
    }
}
