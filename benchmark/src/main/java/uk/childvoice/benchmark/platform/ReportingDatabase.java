package uk.childvoice.benchmark.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The duplicate check (rows and distinct response ids in the reporting service's own table), and how
 * many stored records the stored cubes do not hold yet (not yet folded).
 */
public final class ReportingDatabase {

    /** Rows and distinct response ids of {@code response_record}. */
    public record RecordCount(long rows, long distinctResponseIds) {
        public long duplicates() {
            return rows - distinctResponseIds;
        }
    }

    private ReportingDatabase() {
    }

    public static RecordCount count(String jdbcUrl, String user, String password) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT response_id) FROM response_record")) {
            r.next();
            return new RecordCount(r.getLong(1), r.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the reporting database's records: " + e.getMessage(), e);
        }
    }

    /**
     * Stored records not yet folded into the cubes in PostgreSQL (those not visible in the last fold's
     * snapshot). Tables do not wait for the fold; a starting instance reads these records besides the cubes.
     */
    public static long unfolded(String jdbcUrl, String user, String password) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM response_record, cube_fold f "
                        + "WHERE stored_xid >= pg_snapshot_xmin(f.snapshot) AND NOT pg_visible_in_snapshot(stored_xid, f.snapshot)")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the reporting database's unfolded records: " + e.getMessage(), e);
        }
    }
}
