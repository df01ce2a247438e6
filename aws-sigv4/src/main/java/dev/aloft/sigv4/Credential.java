package dev.aloft.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Credential=} of a signature:
 * {@code AKID/20150830/us-east-1/lambda/aws4_request}.
 *
 * @param accessKeyId the access key id
 * @param scope the scope without its terminator
 */
record Credential(String accessKeyId, CredentialScope scope) {

	static Credential parse(String value) {
		List<String> parts = new ArrayList<>(5);
		int start = 0;
		while (parts.size() < 6) {
			int slash = value.indexOf('/', start);
			if (slash < 0) {
				parts.add(value.substring(start));
				break;
			}
			parts.add(value.substring(start, slash));
			start = slash + 1;
		}
		if (parts.size() != 5 || parts.subList(0, 4).contains("")) {
			throw new RejectionException(RejectionCode.INCOMPLETE_SIGNATURE,
					"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
							+ value + "'");
		}
		if (!parts.get(4).equals(CredentialScope.TERMINATOR)) {
			throw new RejectionException(RejectionCode.INVALID_SIGNATURE,
					"Credential should be scoped with a valid terminator: 'aws4_request', not '" + parts.get(4) + "'.");
		}
		return new Credential(parts.get(0), new CredentialScope(parts.get(1), parts.get(2), parts.get(3)));
	}

}
