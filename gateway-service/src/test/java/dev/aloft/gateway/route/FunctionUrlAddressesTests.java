package dev.aloft.gateway.route;

import java.util.Locale;

import dev.aloft.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a request names a function URL: by host or by the control plane's path.
 */
class FunctionUrlAddressesTests {

	private static final String ID = "abcdefghij0123456789abcdefghij01";

	private final FunctionUrlAddresses addresses = new FunctionUrlAddresses(new FunctionUrlProperties("localhost"),
			new GatewayProperties("eu-west-1"));

	@Test
	void hostCarriesTheUrlId() {
		assertThat(this.addresses.urlIdOfHost(ID + ".lambda-url.eu-west-1.localhost")).isEqualTo(ID);
		assertThat(this.addresses.urlIdOfHost(ID.toUpperCase(Locale.ROOT) + ".LAMBDA-URL.eu-west-1.localhost"))
			.isEqualTo(ID);
		assertThat(this.addresses.urlIdOfHost(ID + ".lambda-url.us-east-1.localhost")).isNull();
		assertThat(this.addresses.urlIdOfHost("short.lambda-url.eu-west-1.localhost")).isNull();
		assertThat(this.addresses.urlIdOfHost("localhost")).isNull();
		assertThat(this.addresses.domainName(ID)).isEqualTo(ID + ".lambda-url.eu-west-1.localhost");
	}

	@Test
	void pathCarriesTheUrlIdAndTheFunctionsPath() {
		assertThat(FunctionUrlAddresses.ofPath("/urls/" + ID + "/a/b%20c"))
			.isEqualTo(new FunctionUrlAddresses.PathAddress(ID, "/a/b%20c"));
		assertThat(FunctionUrlAddresses.ofPath("/urls/" + ID + "/"))
			.isEqualTo(new FunctionUrlAddresses.PathAddress(ID, "/"));
		assertThat(FunctionUrlAddresses.ofPath("/urls/" + ID)).isEqualTo(new FunctionUrlAddresses.PathAddress(ID, "/"));
		assertThat(FunctionUrlAddresses.ofPath("/urls/not-an-id/x")).isNull();
		assertThat(FunctionUrlAddresses.ofPath("/hello/" + ID)).isNull();
	}

}
