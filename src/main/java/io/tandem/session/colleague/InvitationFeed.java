package io.tandem.session.colleague;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Tells the consoles' invitation streams that invitations changed, so each re-reads its own list at once: changes on
 * this node, and (multi-node) those other nodes publish through {@link InvitationBus}. Invitations running out, and
 * changes while Redis is away, reach them with the stream's periodic re-read.
 */
@ApplicationScoped
public class InvitationFeed {

    /** How often an open stream re-reads its list regardless (expiry; other nodes while Redis is away). */
    static final Duration REREAD = Duration.ofSeconds(10);

    private final BroadcastProcessor<Boolean> changes = BroadcastProcessor.create();
    private final InvitationBus bus;

    public InvitationFeed(InvitationBus bus) {
        this.bus = bus;
    }

    /** Invitations changed here: every open stream re-reads, here and on the other nodes. */
    public void changed() {
        changes.onNext(Boolean.TRUE);
        bus.publish();
    }

    /** Invitations changed on another node: the streams here re-read. */
    void changedElsewhere() {
        changes.onNext(Boolean.TRUE);
    }

    /** One item per change, and one every {@link #REREAD}; starts with one. */
    public Multi<Boolean> rereads() {
        return Multi.createBy().merging().streams(Multi.createFrom().item(Boolean.TRUE), changes,
                Multi.createFrom().ticks().every(REREAD).map(t -> Boolean.TRUE));
    }
}
