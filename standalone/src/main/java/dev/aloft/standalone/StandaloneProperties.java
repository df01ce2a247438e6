package dev.aloft.standalone;

import java.nio.file.Path;

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
 */
record StandaloneProperties(@DefaultValue("./data") Path dataDirectory, @DefaultValue("127.0.0.1") String bindAddress,
		@DefaultValue("8080") int gatewayPort, @DefaultValue("8081") int controlPlanePort,
		@DefaultValue("8082") int invokerPort, @DefaultValue("8083") int eventRouterPort,
		@DefaultValue("9001") int runtimeApiPort, @Nullable String masterKey) {

	StandaloneProperties {
		dataDirectory = dataDirectory.toAbsolutePath().normalize();
		masterKey = (masterKey == null || masterKey.isBlank()) ? null : masterKey;
	}

	@Override
	public String toString() {
		return "StandaloneProperties[dataDirectory=" + this.dataDirectory + "]";
	}

	/**
	 * The embedded database every stateful service shares, one schema each, as on
	 * PostgreSQL.
	 */
	String databaseUrl() {
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

}
