package io.tandem.staff;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Advisor rows; the upsert keeps one row per OIDC subject however many nodes see the first call at once. */
@ApplicationScoped
public class AdvisorRepository implements PanacheRepositoryBase<Advisor, UUID> {

    private static final String UPSERT = """
            insert into advisor (id, subject, username, display_name, email, roles, team, created_at, updated_at)
            values (:id, :subject, :username, :displayName, :email, :roles, :team, :now, :now)
            on conflict (subject) do update set username = excluded.username, display_name = excluded.display_name,
                email = excluded.email, roles = excluded.roles, team = excluded.team, updated_at = excluded.updated_at
            returning id""";

    /** Inserts or refreshes the row for this subject and returns its id. */
    public Uni<UUID> upsert(String subject, String username, String displayName, String email, String roles,
            String team, Instant now) {
        return getSession().chain(s -> s.createNativeQuery(UPSERT, UUID.class)
                .setParameter("id", UUID.randomUUID())
                .setParameter("subject", subject)
                .setParameter("username", username)
                .setParameter("displayName", displayName)
                .setParameter("email", email)
                .setParameter("roles", roles)
                .setParameter("team", team)
                .setParameter("now", now)
                .getSingleResult());
    }
}
