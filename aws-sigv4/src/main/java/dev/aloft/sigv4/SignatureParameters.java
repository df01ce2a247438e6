package dev.aloft.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * What a client declared about its signature, from an {@code Authorization} header
 * ({@link AuthorizationHeader}) or the query of a presigned URL ({@link PresignedQuery}).
 *
 * @param credential who signed, for which scope
 * @param signedHeaders the lower-cased names of the signed headers, in the order given
 * @param signature the signature to check
 * @param validity when it was signed and for how long it holds
 * @param presigned whether it came from the query string
 */
record SignatureParameters(Credential credential, List<String> signedHeaders, String signature, Validity validity,
		boolean presigned) {

	static final String ALGORITHM = "AWS4-HMAC-SHA256";

	/**
	 * Splits {@code host;x-amz-date}; {@code host} must be among them, or anyone could
	 * replay the request against another endpoint.
	 */
	static List<String> parseSignedHeaders(String value) {
		List<String> names = new ArrayList<>(8);
		boolean host = false;
		int start = 0;
		while (start <= value.length()) {
			int end = value.indexOf(';', start);
			if (end < 0) {
				end = value.length();
			}
			if (end > start) {
				String name = RequestHeaders.lowerCase(value.substring(start, end).trim());
				host |= name.equals("host") || name.equals(":authority");
				names.add(name);
			}
			start = end + 1;
		}
		if (!host) {
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
		}
		return names;
	}

	/** The scope date must be the date of {@code X-Amz-Date}. */
	void checkScopeDate() {
		String amzDate = this.validity.amzDate();
		String date = amzDate.substring(0, 8);
		if (!this.credential.scope().date().equals(date)) {
			throw new RejectionException(RejectionCode.INVALID_SIGNATURE,
					"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
							+ this.credential.scope().date() + "' != '" + date + "', from '" + amzDate + "'.");
		}
	}

}
