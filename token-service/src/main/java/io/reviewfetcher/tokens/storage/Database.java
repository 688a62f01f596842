package io.reviewfetcher.tokens.storage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Plain JDBC with explicit transactions, which the features' repositories run in: each is short and never
 * spans a call to Google (a token refresh reads in one and stores in another, with an optimistic check), so
 * a slow Google cannot empty the pool. A lost connection becomes {@link StorageUnavailableException};
 * constraint violations are left to the callers, who know what they mean (a duplicate branch_id is a conflict).
 */
@ApplicationScoped
public class Database {

    private final AgroalDataSource dataSource;

    public Database(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @throws StorageUnavailableException when PostgreSQL cannot be reached
     * @throws DatabaseException           on any other database error
     */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** A unique-constraint violation (SQLState 23505). */
    public static boolean isUniqueViolation(Throwable e) {
        return e instanceof DatabaseException db && "23505".equals(db.sqlState());
    }

    /** A foreign-key violation (SQLState 23503). */
    public static boolean isForeignKeyViolation(Throwable e) {
        return e instanceof DatabaseException db && "23503".equals(db.sqlState());
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof SQLTransientConnectionException || state.startsWith("08") || state.equals("57P01")) {
            return new StorageUnavailableException();
        }
        return new DatabaseException(e);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it returns nothing to the pool worth keeping
        }
    }

    /** An unexpected database error: SQLState and type only (a driver message may quote bound values). */
    public static class DatabaseException extends RuntimeException {
        private final String sqlState;

        DatabaseException(SQLException cause) {
            super("database error, SQLState " + cause.getSQLState(), null, false, false);
            this.sqlState = cause.getSQLState();
        }

        public String sqlState() {
            return sqlState;
        }
    }
}
