package io.tandem.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every Tandem setting, with its default; `tandem.*` in application.properties or TANDEM_* in the environment. */
@ConfigMapping(prefix = "tandem")
public interface TandemConfig {

    /** Base URL customers and staff use to reach this server; join links are built on it. Default http://localhost:8080. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Join links and codes. */
    Join join();

    /** Session lifecycle. */
    Sessions sessions();

    /** Customer credentials. */
    Customer customer();

    /** HTTP API limits. */
    Api api();

    /** Demo data. */
    Demo demo();

    /** The firm's website that customers co-browse. */
    Site site();

    /** Staff sign-in through the identity provider (Keycloak). */
    Staff staff();

    /** STUN and TURN servers handed to browsers for video calls. */
    Ice ice();

    /** The WebRTC signaling server (signaling/), embedded or standalone. */
    Signaling signaling();

    /** The customer's rating at the end of a session. */
    Feedback feedback();

    /** Invitations to a session for colleagues (issue 16). */
    Invitations invitations();

    /** Follow-up tasks that close the loop with detractors and sessions that need one (issue 17). */
    FollowUps followUps();

    /** Help requests from the firm's site. */
    Help help();

    interface Help {
        /**
         * How long a help request of a customer with an account manager waits for that account manager alone; then
         * any advisor may take its code. Default 2 minutes.
         */
        @WithDefault("2m")
        Duration accountManagerFirst();

        /**
         * The secret shared with the firm's web server that proves a page's customer: with it, a help request's CRM
         * id counts only beside its HMAC-SHA256 under this secret (hex, {@code data-tandem-customer-hash}); without
         * it, the page's word is taken. Unset by default.
         */
        Optional<String> identitySecret();
    }

    interface FollowUps {
        /** How long after it opens a follow-up task is due (past it, it shows as overdue). Default 3 days. */
        @WithDefault("3d")
        Duration dueAfter();

        /**
         * The dashboard's "loop closed" share counts a detractor's follow-up as closed in time when it was closed
         * within this long of opening. Default 7 days.
         */
        @WithDefault("7d")
        Duration loopClosedWithin();

        /** Most tasks one follow-up list returns. Default 500. */
        @WithDefault("500")
        int maxListed();
    }

    interface Invitations {
        /** How long an invitation waits for an answer. */
        @WithDefault("5m")
        Duration ttl();

        /** How often a quiet invitation stream sends a keep-alive comment (under the HTTP idle timeout). */
        @WithDefault("20s")
        Duration keepAlive();
    }

    /** The customer's rating at the end of a session. */
    interface Feedback {
        /** How long after the session ended the customer may answer, or change their answer. Default 15 minutes. */
        @WithDefault("15m")
        Duration window();
    }

    /** Join links and codes. */
    interface Join {
        /** How long a join link and its code can be redeemed. Default 20 minutes. */
        @WithDefault("20m")
        Duration ttl();

        /** How long a customer has to give consent after redeeming. Default 10 minutes. */
        @WithDefault("10m")
        Duration consentTtl();

        /** Wrong codes or links allowed per client address in one minute before answering 429. Default 5. */
        @WithDefault("5")
        int maxFailuresPerMinute();

        /**
         * Wrong join codes allowed from all addresses together in one minute; past it codes answer 429 for everyone
         * until the minute frees up (links go on working). Default 30: a code live for 20 minutes can then be tried
         * at most 600 times, one chance in 1 667 of a million codes.
         */
        @WithDefault("30")
        int maxWrongCodesPerMinute();

        /** Count wrong tries in Redis, shared by every node (each node falls back to its own while Redis is away). */
        @WithDefault("true")
        boolean sharedLimits();

        /** Prefix of the Redis keys of the shared counts. Default {@code tandem:join:}. */
        @WithDefault("tandem:join:")
        String sharedKeyPrefix();

        /** Upper bound on client addresses tracked by the join rate limiter. Default 100000. */
        @WithDefault("100000")
        int maxTrackedClients();
    }

    /** Session lifecycle. */
    interface Sessions {
        /** An active session expires this long after it started, touchpoint completed. Default 4 hours. */
        @WithDefault("4h")
        Duration maxDuration();

        /** How often the expiry job runs. Default 30 seconds. */
        @WithDefault("30s")
        String sweepInterval();

        /** Sessions expired per transaction by the expiry job. Default 200. */
        @WithDefault("200")
        int sweepBatch();

        /** Largest page size of session and customer lists. Default 100. */
        @WithDefault("100")
        int maxPageSize();
    }

    /** Customer credentials. */
    interface Customer {
        /**
         * HMAC-SHA256 key for customer credentials, base64, at least 32 bytes. All nodes must share it. Default: a
         * random key per process (fine for one node; credentials then die with the process).
         */
        Optional<String> credentialSecret();

        /** Lifetime of a customer credential. Default 4 hours. */
        @WithDefault("4h")
        Duration credentialTtl();
    }

    /** HTTP API limits. */
    interface Api {
        /** Largest JSON request body accepted on /api, in bytes. Default 65536. */
        @WithDefault("65536")
        long maxJsonBodyBytes();
    }

    /** Demo data. */
    interface Demo {
        /** Seed demo customers and past touchpoints at start-up when the database has none. On in the demo profile. */
        @WithDefault("false")
        boolean seed();
    }

    /** The firm's website that customers co-browse (pages carrying tandem.js). */
    interface Site {
        /** Name shown to customers ("continue on Harbor Mutual"). Default Harbor Mutual (the demo site). */
        @WithDefault("Harbor Mutual")
        String name();

        /** Where "continue on the site" leads, absolute or relative to Tandem. Default /demo/ (the demo site). */
        @WithDefault("/demo/")
        String startUrl();

        /**
         * Origins of the firm's site, e.g. https://www.insurer.example: allowed to open relay sockets and to serve
         * assets into the advisor's mirror. Default none besides Tandem's own origin (the demo site is served by
         * Tandem). Admins add more at run time (/api/admin/sites); these stay and cannot be removed there.
         */
        Optional<java.util.List<String>> origins();

        /**
         * How often each node re-reads the site origins added at run time, so that a change made on another node
         * applies here too. Default 5s.
         */
        @WithDefault("5s")
        Duration originsReload();
    }

    /** Staff sign-in through the identity provider (Keycloak). */
    interface Staff {
        /**
         * Client id of the consoles at the identity provider (the web-app tenant's confidential client, code flow with
         * PKCE); back-channel logout tokens are addressed to it. Default tandem-console (TANDEM_OIDC_CONSOLE_CLIENT).
         */
        @WithDefault("tandem-console")
        String consoleClientId();

        /**
         * How long a back-channel sign-out is remembered, so tokens of that session are refused: longer than any
         * access token lives. Default 15 minutes.
         */
        @WithDefault("15m")
        Duration signOutMemory();
    }

    /** STUN and TURN servers handed to browsers for video calls. None by default: no public STUN server is assumed. */
    interface Ice {
        /** STUN URLs, e.g. stun:turn.insurer.example:3478. Default none. */
        Optional<java.util.List<String>> stunUrls();

        /** TURN URLs, e.g. turn:turn.insurer.example:3478?transport=udp, turns:...:5349. Default none. */
        Optional<java.util.List<String>> turnUrls();

        /**
         * The shared secret of the TURN server (coturn's static-auth-secret with use-auth-secret): browsers get
         * short-lived credentials derived from it. Required when TURN URLs are set.
         */
        Optional<String> turnSecret();

        /** Lifetime of a TURN credential. Default 1 hour. */
        @WithDefault("1h")
        Duration credentialTtl();
    }

    /** The WebRTC signaling server. */
    interface Signaling {
        /** Start the signaling server inside this process. Default true; false when it runs standalone. */
        @WithDefault("true")
        boolean embedded();

        /** Port of the embedded signaling server. Default 8444. */
        @WithDefault("8444")
        int port();

        /**
         * Media peers one call admits in the embedded server (one customer at most, the rest advisors; a further one is
         * refused with 4423), 2 to 16; the standalone server reads TANDEM_SIGNALING_MAX_MEDIA_PEERS. Default 4.
         */
        @WithDefault("4")
        int maxMediaPeers();

        /**
         * Base WebSocket URL browsers use to reach signaling, e.g. wss://signal.insurer.example. Default ws:// on the
         * host of tandem.public-url at the embedded port.
         */
        Optional<String> publicUrl();

        /** Lifetime of a signaling token (only checked when the socket opens). Default 2 minutes. */
        @WithDefault("2m")
        Duration tokenTtl();

        /** Issuer of signaling tokens, as the standalone server is configured to expect. Default tandem. */
        @WithDefault("tandem")
        String issuer();

        /**
         * The EC P-256 private key signing signaling tokens, as a JWK (JSON). All app nodes must share it when the
         * standalone server verifies through the JWKS endpoint. Default: a key generated per process.
         */
        Optional<String> signingKey();
    }
}
