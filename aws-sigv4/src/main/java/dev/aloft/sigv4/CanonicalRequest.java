package dev.aloft.sigv4;

import java.util.List;

/**
 * Builds the canonical request and the string to sign of SigV4:
 *
 * <pre>
 * METHOD
 * canonical URI
 * canonical query string
 * name:trimmed value,value   (one line per signed header)
 *
 * signed;header;names
 * payload hash
 * </pre>
 */
final class CanonicalRequest {

	private CanonicalRequest() {
	}

	static String of(SignedRequest request, QueryString query, SignatureParameters parameters, String payloadHash) {
		List<String> signedHeaders = parameters.signedHeaders();
		StringBuilder out = new StringBuilder(256 + 64 * signedHeaders.size());
		out.append(request.method()).append('\n');
		out.append(CanonicalPath.of(request.rawPath(), isS3(parameters.credential().scope().service()))).append('\n');
		out.append(query.canonical(parameters.presigned() ? PresignedQuery.SIGNATURE : null)).append('\n');
		for (String name : signedHeaders) {
			out.append(name).append(':');
			appendValues(out, values(request.headers(), name));
			out.append('\n');
		}
		out.append('\n');
		for (int i = 0; i < signedHeaders.size(); i++) {
			if (i > 0) {
				out.append(';');
			}
			out.append(signedHeaders.get(i));
		}
		return out.append('\n').append(payloadHash).toString();
	}

	static String stringToSign(SignatureParameters parameters, String canonicalRequest) {
		return SignatureParameters.ALGORITHM + "\n" + parameters.validity().amzDate() + "\n"
				+ parameters.credential().scope().value() + "\n" + Sha256.hex(canonicalRequest);
	}

	/** S3 signs its path as sent: no normalisation, no second encoding. */
	static boolean isS3(String service) {
		return service.equals("s3") || service.equals("s3express") || service.equals("s3-outposts")
				|| service.equals("s3-object-lambda");
	}

	private static List<String> values(RequestHeaders headers, String name) {
		List<String> values = headers.values(name);
		if (values.isEmpty() && name.equals("host")) {
			// HTTP/2 carries the host as the :authority pseudo-header.
			return headers.values(":authority");
		}
		return values;
	}

	/**
	 * Joins the values with commas, each trimmed and with runs of whitespace folded into
	 * one space ({@code "a   b"} becomes {@code "a b"}), as the SDKs do. A signed header
	 * that is absent signs as empty.
	 */
	private static void appendValues(StringBuilder out, List<String> values) {
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			appendTrimmed(out, values.get(i));
		}
	}

	private static void appendTrimmed(StringBuilder out, String value) {
		boolean pendingSpace = false;
		boolean started = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (isWhitespace(c)) {
				pendingSpace = started;
			}
			else {
				if (pendingSpace) {
					out.append(' ');
					pendingSpace = false;
				}
				out.append(c);
				started = true;
			}
		}
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
	}

}
