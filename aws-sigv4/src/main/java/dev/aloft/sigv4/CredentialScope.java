package dev.aloft.sigv4;

/**
 * What a signature is scoped to: the {@code date/region/service} between the access key
 * id and {@code aws4_request} in {@code Credential=}.
 *
 * @param date the signing date, {@code yyyyMMdd} in UTC
 * @param region the region the client signed for, e.g. {@code us-east-1}
 * @param service the service signing name, e.g. {@code lambda}
 */
public record CredentialScope(String date, String region, String service) {

	/** The terminator of every SigV4 scope. */
	static final String TERMINATOR = "aws4_request";

	/**
	 * The scope as it appears in the string to sign.
	 * @return {@code date/region/service/aws4_request}
	 */
	public String value() {
		return this.date + "/" + this.region + "/" + this.service + "/" + TERMINATOR;
	}

}
