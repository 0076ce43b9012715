package io.tandem.touchpoint;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The port through which a customer's timeline learns which documents were viewed in its sessions. The document
 * feature implements it, so the relationship records depend on none of its classes.
 */
public interface ViewedDocuments {

    /** What was viewed in each of these sessions, first viewed first. */
    Uni<Map<UUID, List<ViewedDocument>>> viewedIn(List<UUID> sessionIds);
}
