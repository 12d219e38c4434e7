package uk.childvoice.benchmark.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The duplicate check: rows and distinct response ids in the reporting service's own table. */
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
}
