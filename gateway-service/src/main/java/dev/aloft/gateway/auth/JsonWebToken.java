package dev.aloft.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JWS in compact form ({@code header.payload.signature}), split and decoded but not yet
 * trusted.
 *
 * @param algorithm the header's {@code alg}
 * @param keyId the header's {@code kid}, or null
 * @param claims the payload, a JSON object
 * @param signingInput the bytes the signature covers: {@code header.payload} as sent
 * @param signature the decoded signature
 */
record JsonWebToken(String algorithm, @Nullable String keyId, JsonNode claims, byte[] signingInput, byte[] signature) {

	/**
	 * Splits and decodes a compact token.
	 * @param compact the token
	 * @param jsonMapper parses header and payload
	 * @return the token
	 * @throws InvalidTokenException when it is not a well-formed JWS with JSON object
	 * header and payload
	 */
	static JsonWebToken parse(String compact, JsonMapper jsonMapper) {
		String[] parts = compact.split("\\.", -1);
		if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
			throw new InvalidTokenException("not a compact JWS");
		}
		JsonNode header = object(parts[0], jsonMapper, "header");
		JsonNode claims = object(parts[1], jsonMapper, "payload");
		JsonNode algorithm = header.get("alg");
		if (algorithm == null || !algorithm.isString()) {
			throw new InvalidTokenException("no alg");
		}
		JsonNode keyId = header.get("kid");
		return new JsonWebToken(algorithm.asString(), (keyId != null && keyId.isString()) ? keyId.asString() : null,
				claims, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), decode(parts[2], "signature"));
	}

	private static JsonNode object(String part, JsonMapper jsonMapper, String name) {
		try {
			JsonNode node = jsonMapper.readTree(decode(part, name));
			if (node == null || !node.isObject()) {
				throw new InvalidTokenException(name + " is not a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new InvalidTokenException(name + " is not JSON");
		}
	}

	private static byte[] decode(String part, String name) {
		try {
			return Base64.getUrlDecoder().decode(part);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenException(name + " is not base64url");
		}
	}

}
