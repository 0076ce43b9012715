package io.tandem.staff;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Colleagues to invite into a session: staff with the advisor role who have signed in at least once (the staff table
 * fills from sign-ins), found by name, and the teams they belong to.
 */
@Path("/api/staff/colleagues")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADVISOR, Roles.SUPERVISOR})
public class ColleagueDirectoryResource {

    static final int LIMIT = 20;

    /** A colleague: id, display name, team (or null). */
    public record Colleague(UUID id, String name, String team) {}

    /** The colleagues found, and every team of an advisor matching the same text. */
    public record Found(List<Colleague> people, List<String> teams) {}

    private final Pool db;
    private final StaffService staff;
    private final SecurityIdentity identity;

    public ColleagueDirectoryResource(Pool db, StaffService staff, SecurityIdentity identity) {
        this.db = db;
        this.staff = staff;
        this.identity = identity;
    }

    @GET
    public Uni<Found> find(@QueryParam("q") @Size(max = 100) String q) {
        String text = q == null ? "" : q.strip().toLowerCase(java.util.Locale.ROOT);
        String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return staff.current(identity).chain(me -> db.preparedQuery("select id, display_name, team from advisor"
                + " where id <> $1 and (',' || roles || ',') like '%,advisor,%'"
                + " and (lower(coalesce(display_name, '')) like $2 or lower(coalesce(username, '')) like $2"
                + " or lower(coalesce(team, '')) like $2)"
                + " order by lower(display_name), id limit " + LIMIT)
                .execute(Tuple.of(me.id(), like))
                .chain(people -> db.preparedQuery("select distinct team from advisor where team is not null"
                        + " and (',' || roles || ',') like '%,advisor,%' and lower(team) like $1 order by team"
                        + " limit " + LIMIT).execute(Tuple.of(like))
                        .map(teams -> {
                            List<Colleague> found = new ArrayList<>();
                            for (Row r : people) {
                                found.add(new Colleague(r.getUUID("id"), r.getString("display_name"),
                                        r.getString("team")));
                            }
                            List<String> names = new ArrayList<>();
                            teams.forEach(r -> names.add(r.getString("team")));
                            return new Found(found, names);
                        })));
    }
}
