package io.tandem.relay.socket;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tandem.api.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A relay upgrade must offer the tandem.v1 subprotocol: without it the answer is 400 problem+json and one log line,
 * before authentication and the upgrade check (Vert.x would otherwise complete the handshake with no subprotocol,
 * which browsers that offered one then fail without a reason).
 */
@ApplicationScoped
public class SubprotocolFilter {

    static final String PROTOCOL = "tandem.v1";
    private static final String PATH = "/ws/sessions/";
    /** Filters with a higher priority run first: this one before the routes and their authentication. */
    private static final int PRIORITY = 300;
    private static final Logger LOG = Logger.getLogger(SubprotocolFilter.class);

    private final ObjectMapper json;

    public SubprotocolFilter(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.path().startsWith(PATH) || !request.headers().contains("Sec-WebSocket-Key") || offers(request)) {
            ctx.next();
            return;
        }
        LOG.infof("Refused relay upgrade without the %s subprotocol", PROTOCOL);
        UpgradeRefusal.answer(ctx, json, ProblemType.MALFORMED_REQUEST, "A relay upgrade must offer the " + PROTOCOL
                + " subprotocol");
    }

    private static boolean offers(HttpServerRequest request) {
        for (String header : request.headers().getAll("Sec-WebSocket-Protocol")) {
            for (String offered : header.split(",")) {
                if (offered.trim().equals(PROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }
}
