package io.tandem.staff;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Resolves the caller's staff record, creating or updating it from token claims when they are new or changed. */
@ApplicationScoped
public class StaffService {

    private static final int MAX_CACHED = 10_000;

    private final AdvisorRepository advisors;
    private final Clock clock;
    /** Claims as last written -> member; a hit skips the database, any changed claim misses and rewrites the row. */
    private final Map<Claims, StaffMember> known = new ConcurrentHashMap<>();

    public StaffService(AdvisorRepository advisors, Clock clock) {
        this.advisors = advisors;
        this.clock = clock;
    }

    /** The staff member behind this identity; fails with 401 for anonymous or customer identities. */
    public Uni<StaffMember> current(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().failure(new UnauthorizedException());
        }
        Claims claims = Claims.of(token, identity.getRoles());
        StaffMember cached = known.get(claims);
        return cached != null ? Uni.createFrom().item(cached) : write(claims);
    }

    @WithTransaction
    Uni<StaffMember> write(Claims claims) {
        return advisors.upsert(claims.subject(), claims.username(), claims.displayName(), claims.email(),
                String.join(",", new TreeSet<>(claims.roles())), claims.team(), clock.instant())
                .map(id -> {
                    if (known.size() >= MAX_CACHED) {
                        known.clear();
                    }
                    StaffMember member = new StaffMember(id, claims.subject(), claims.displayName(), claims.roles(),
                            claims.team());
                    known.put(claims, member);
                    return member;
                });
    }

    /** The token claims an advisor row is made of; equal claims mean an unchanged row. */
    record Claims(String subject, String username, String displayName, String email, Set<String> roles,
            String team) {

        /** The longest team name kept (advisor.team). */
        static final int MAX_TEAM = 64;

        static Claims of(JsonWebToken token, Set<String> identityRoles) {
            String username = token.getClaim("preferred_username");
            String name = token.getClaim("name");
            String display = name != null && !name.isBlank() ? name : username != null ? username : token.getSubject();
            Set<String> roles = new TreeSet<>(identityRoles);
            roles.retainAll(Roles.STAFF);
            Object teamClaim = token.getClaim("team");
            String team = teamClaim == null ? "" : teamClaim.toString().strip();
            team = team.isEmpty() ? null : team.substring(0, Math.min(team.length(), MAX_TEAM));
            return new Claims(token.getSubject(), username, display, token.getClaim("email"), Set.copyOf(roles),
                    team);
        }
    }
}
