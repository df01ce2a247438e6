package dev.aloft.gateway.route;

import org.apache.coyote.CloseNowException;

/**
 * A streamed response the function failed to finish after it began. Thrown out of the
 * request, it reaches Tomcat, which closes the connection at once without ending the
 * body, so the caller sees the answer is incomplete. Tomcat's own type for that, so that
 * it does so without logging a function's failure as the gateway's error.
 */
class ResponseStreamCutException extends CloseNowException {

	ResponseStreamCutException() {
		super("The function failed after its response stream began");
	}

}
