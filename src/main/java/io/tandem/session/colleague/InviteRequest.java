package io.tandem.session.colleague;

import jakarta.validation.constraints.Size;
import java.util.UUID;

/** An invitation asked for: a colleague (inviteeId) or a team, to join (default) or to take over (kind transfer). */
public record InviteRequest(UUID inviteeId, @Size(max = 64) String team, String note,
        @Size(max = 16) String kind) {}
