package io.tandem.touchpoint.rest;

import io.smallrye.mutiny.Uni;
import io.tandem.settings.Settings;
import io.tandem.security.CustomerIdentityProvider;
import io.tandem.staff.Roles;
import io.tandem.touchpoint.Nps;
import io.tandem.touchpoint.service.TouchpointService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The customer's answer to "how likely are you to recommend us?" once the session is over. */
@Path("/api/sessions/{id}/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
public class FeedbackResource {

    /** A score from 0 to 10 and an optional comment (text, at most 2000 characters). */
    public record FeedbackRequest(
            @NotNull(message = "Choose a score from 0 to 10.") @Min(value = 0, message = "Choose a score from 0 to 10.") @Max(value = 10, message = "Choose a score from 0 to 10.") Integer score,
            @Size(max = 2000, message = "Keep your comment to {max} characters or fewer.") String comment) {}

    /** The stored answer, its NPS category, and until when it may still be changed. */
    public record FeedbackView(int score, String comment, Nps.Category category, Instant at, Instant editableUntil) {}

    private final TouchpointService touchpoints;
    private final SecurityIdentity identity;
    private final Settings settings;

    public FeedbackResource(TouchpointService touchpoints, SecurityIdentity identity, Settings settings) {
        this.touchpoints = touchpoints;
        this.identity = identity;
        this.settings = settings;
    }

    /** Answers, or changes the answer within the window after the session ended; 409 before the end and after it. */
    @POST
    public Uni<FeedbackView> answer(@PathParam("id") UUID id, @Valid @NotNull FeedbackRequest request) {
        CustomerIdentityProvider.credentialFor(identity, id);
        Duration window = settings.feedbackWindow();
        return touchpoints.recordFeedback(id, request.score(), request.comment(), window)
                .map(t -> new FeedbackView(t.feedbackScore, t.feedbackComment, Nps.Category.of(t.feedbackScore),
                        t.feedbackAt, t.completedAt.plus(window)));
    }
}
