package dev.aloft.testsupport;

/**
 * A PostgreSQL database created for one test context.
 *
 * @param jdbcUrl the JDBC URL, without credentials
 * @param username the user to connect as
 * @param password the password, empty for trust authentication
 */
public record TestDatabase(String jdbcUrl, String username, String password) {
}
