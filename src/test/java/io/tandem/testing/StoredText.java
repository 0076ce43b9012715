package io.tandem.testing;

import io.agroal.api.AgroalDataSource;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/** What the database holds, read back for searching: a session's recording decompressed, and every text column. */
public final class StoredText {

    private StoredText() {}

    /** Every stored recording frame of the session, decompressed, one a line. */
    public static String recording(AgroalDataSource db, String sessionId) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "select content from recording_chunk where session_id = ? order by seq")) {
            q.setObject(1, UUID.fromString(sessionId));
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    try (DataInputStream in = new DataInputStream(new GZIPInputStream(
                            new ByteArrayInputStream(rows.getBytes(1))))) {
                        while (true) {
                            try {
                                in.readLong();
                            } catch (EOFException end) {
                                break;
                            }
                            byte[] frame = new byte[in.readInt()];
                            in.readFully(frame);
                            all.append(new String(frame, StandardCharsets.UTF_8)).append('\n');
                        }
                    }
                }
            }
        }
        return all.toString();
    }

    /** How many final chunks the session's recording has (1 once the end was stored). */
    public static int finalChunks(AgroalDataSource db, String sessionId) {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "select count(*) from recording_chunk where session_id = ? and final")) {
            q.setObject(1, UUID.fromString(sessionId));
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text, character and JSON columns (table.column) of every table in which some row holds the text. */
    public static List<String> databaseHolding(AgroalDataSource db, String text) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rows = c.createStatement().executeQuery("""
                    select table_name, column_name from information_schema.columns
                    where table_schema = current_schema()
                      and data_type in ('text', 'character varying', 'json', 'jsonb')""")) {
                while (rows.next()) {
                    columns.add(new String[]{rows.getString(1), rows.getString(2)});
                }
            }
            for (String[] col : columns) {
                try (PreparedStatement q = c.prepareStatement("select count(*) from \"" + col[0] + "\" where \""
                        + col[1] + "\"::text like ?")) {
                    q.setString(1, "%" + text + "%");
                    try (ResultSet rows = q.executeQuery()) {
                        rows.next();
                        if (rows.getInt(1) > 0) {
                            found.add(col[0] + "." + col[1]);
                        }
                    }
                }
            }
        }
        return found;
    }
}
