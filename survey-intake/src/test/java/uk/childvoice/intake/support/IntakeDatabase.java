package uk.childvoice.intake.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import uk.childvoice.testsupport.PostgresResource;

/** Direct JDBC access to the intake database, to check what is (not) stored. */
public final class IntakeDatabase {
    private IntakeDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl("intake"), PostgresResource.username(), PostgresResource.password());
    }

    public static long count(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every text and byte value of every row of both tables, for "nothing personal stored" checks. */
    public static String dump() {
        StringBuilder b = new StringBuilder();
        try (Connection c = connect()) {
            for (String table : new String[] {"submission", "session"}) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            b.append(v instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1) : String.valueOf(v)).append('|');
                        }
                        b.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return b.toString();
    }
}
