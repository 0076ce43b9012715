package io.tandem.touchpoint.ladder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The ladder's rules, kept as the admin setting {@code ladder-rules} (table {@code setting}, the rule set as JSON)
 * beside the other run-time settings. Read in the caller's session, so the rules a touchpoint is judged by are the
 * ones committed when its transaction runs, on every node alike; no copy to go stale.
 */
@ApplicationScoped
public class LadderRuleStore {

    static final String SETTING = "ladder-rules";
    private static final Logger LOG = Logger.getLogger(LadderRuleStore.class);

    private final ObjectMapper json;

    public LadderRuleStore(ObjectMapper json) {
        this.json = json;
    }

    /** The stored rules with who stored them and when; the defaults when none are stored. */
    public Uni<StoredRules> current() {
        return Panache.getSession().chain(db -> db.createNativeQuery("select value, updated_by, updated_at"
                + " from setting where name = :name", Object[].class).setParameter("name", SETTING).getResultList())
                .map(this::read);
    }

    /** Stores a checked rule set in the caller's transaction. */
    public Uni<Void> save(LadderRules rules, String by, Instant at) {
        String value;
        try {
            value = json.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Panache.getSession().chain(db -> db.createNativeQuery("insert into setting (name, value, updated_by,"
                + " updated_at) values (:name, :value, :by, :at) on conflict (name) do update set value ="
                + " excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at")
                .setParameter("name", SETTING).setParameter("value", value).setParameter("by", by)
                .setParameter("at", at).executeUpdate()).replaceWithVoid();
    }

    /** Forgets the stored rules: the defaults apply again. */
    public Uni<Void> reset() {
        return Panache.getSession().chain(db -> db.createNativeQuery("delete from setting where name = :name")
                .setParameter("name", SETTING).executeUpdate()).replaceWithVoid();
    }

    private StoredRules read(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new StoredRules(LadderRules.DEFAULTS, true, null, null);
        }
        Object[] row = rows.get(0);
        try {
            LadderRules rules = LadderRulesFormat.parse(json.readTree((String) row[0]));
            return new StoredRules(rules, false, (String) row[1], instant(row[2]));
        } catch (JsonProcessingException | RuntimeException e) {
            // written by this class after the same checks; a row edited by hand that no longer parses keeps the
            // ladder on its defaults rather than stopping every touchpoint from completing
            LOG.errorf("The stored ladder rules cannot be read, the default rules apply: %s", e.getMessage());
            return new StoredRules(LadderRules.DEFAULTS, true, null, null);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return value instanceof java.sql.Timestamp t ? t.toInstant() : null;
    }

    /** A rule set as stored: the rules, whether they are the defaults, who stored them and when. */
    public record StoredRules(LadderRules rules, boolean defaults, String updatedBy, Instant updatedAt) {}
}
