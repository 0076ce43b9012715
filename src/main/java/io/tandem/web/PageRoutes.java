package io.tandem.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Short page addresses (/join) for the static pages under src/main/resources/web. */
@ApplicationScoped
public class PageRoutes {

    void install(@Observes Router router) {
        router.get("/join").handler(ctx -> ctx.reroute("/join/index.html"));
    }
}
