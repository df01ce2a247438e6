package dev.aloft.standalone;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the standalone launcher, bound from {@code --aloft.standalone.*} arguments,
 * system properties or environment variables ({@code ALOFT_STANDALONE_DATA_DIRECTORY},
 * ...).
 *
 * @param dataDirectory where the embedded database, code and sandboxes live
 * @param bindAddress the address every service listens on; loopback unless you mean to
 * expose them
 * @param gatewayPort the gateway's port
 * @param controlPlanePort the control plane's port
 * @param invokerPort the invoker's port
 * @param eventRouterPort the event router's port
 * @param runtimeApiPort the port of the Runtime API that environments poll
 * @param masterKey the platform's master key (base64 of 32 bytes); when unset, the one
 * kept in the data directory, created on the first start
 * @param database a PostgreSQL database to keep the state in instead of the embedded H2
 * file; when unset, the embedded one
 */
record StandaloneProperties(@DefaultValue("./data") Path dataDirectory, @DefaultValue("127.0.0.1") String bindAddress,
		@DefaultValue("8080") int gatewayPort, @DefaultValue("8081") int controlPlanePort,
		@DefaultValue("8082") int invokerPort, @DefaultValue("8083") int eventRouterPort,
		@DefaultValue("9001") int runtimeApiPort, @Nullable String masterKey, @Nullable Database database) {

	StandaloneProperties {
		dataDirectory = dataDirectory.toAbsolutePath().normalize();
		masterKey = (masterKey == null || masterKey.isBlank()) ? null : masterKey;
		requireDistinctPorts(Map.of("gateway-port", gatewayPort, "control-plane-port", controlPlanePort, "invoker-port",
				invokerPort, "event-router-port", eventRouterPort, "runtime-api-port", runtimeApiPort));
	}

	/**
	 * Two services on one port cannot both start; say so before starting either.
	 */
	private static void requireDistinctPorts(Map<String, Integer> ports) {
		Map<Integer, String> byPort = new TreeMap<>();
		new TreeMap<>(ports).forEach((name, port) -> {
			String other = byPort.putIfAbsent(port, name);
			if (other != null) {
				throw new IllegalArgumentException("aloft.standalone." + other + " and aloft.standalone." + name
						+ " are both " + port + "; each service needs its own port");
			}
		});
	}

	@Override
	public String toString() {
		return "StandaloneProperties[dataDirectory=" + this.dataDirectory + "]";
	}

	/**
	 * The same settings with another master key.
	 * @param key the key
	 * @return the settings
	 */
	StandaloneProperties withMasterKey(String key) {
		return new StandaloneProperties(this.dataDirectory, this.bindAddress, this.gatewayPort, this.controlPlanePort,
				this.invokerPort, this.eventRouterPort, this.runtimeApiPort, key, this.database);
	}

	/**
	 * The embedded database every stateful service shares, one schema each, as on
	 * PostgreSQL.
	 */
	String embeddedDatabaseUrl() {
		return "jdbc:h2:file:" + this.dataDirectory.resolve("aloft")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
				// The services close the database when they stop, last the control plane;
				// H2's own shutdown hook would close it under them while the invoker and
				// router still ship their last records.
				+ ";DB_CLOSE_ON_EXIT=FALSE"
				+ ";INIT=CREATE SCHEMA IF NOT EXISTS control\\;CREATE SCHEMA IF NOT EXISTS router";
	}

	String controlPlaneUrl() {
		return "http://" + this.bindAddress + ":" + this.controlPlanePort;
	}

	String invokerUrl() {
		return "http://" + this.bindAddress + ":" + this.invokerPort;
	}

	String gatewayUrl() {
		return "http://" + this.bindAddress + ":" + this.gatewayPort;
	}

	String eventRouterUrl() {
		return "http://" + this.bindAddress + ":" + this.eventRouterPort;
	}

	/**
	 * A PostgreSQL database the stateful services share, each migrating its own schema
	 * ({@code control}, {@code router}), as when they run as separate services.
	 *
	 * @param url its JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/aloft}
	 * @param username the user, if the URL does not name it
	 * @param password the password, if one is needed
	 */
	record Database(String url, @Nullable String username, @Nullable String password) {

		@Override
		public String toString() {
			return "Database[url=" + this.url + ", username=" + this.username + ", password=(hidden)]";
		}

	}

}
