package io.tandem.session.colleague;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Tells the consoles' invitation streams that invitations changed on this node, so each re-reads its own list at
 * once. Changes made on another node, and invitations running out, reach them with the stream's periodic re-read.
 */
@ApplicationScoped
public class InvitationFeed {

    /** How often an open stream re-reads its list regardless (expiry, other nodes). */
    static final Duration REREAD = Duration.ofSeconds(10);

    private final BroadcastProcessor<Boolean> changes = BroadcastProcessor.create();

    /** Invitations changed here: every open stream re-reads. */
    public void changed() {
        changes.onNext(Boolean.TRUE);
    }

    /** One item per change here, and one every {@link #REREAD}; starts with one. */
    public Multi<Object> rereads() {
        return Multi.createBy().merging().streams(Multi.createFrom().item(Boolean.TRUE), changes,
                Multi.createFrom().ticks().every(REREAD).map(t -> Boolean.TRUE)).map(x -> x);
    }
}
