package dev.aloft.controlplane.functionurl;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Creates a function URL, or replaces its settings (the whole settings: what is left out
 * takes its default). The URL itself never changes.
 *
 * @param authType {@code NONE} (anyone may call it) or {@code AWS_IAM} (callers sign with
 * an access key allowed to invoke the function)
 * @param cors the CORS settings the gateway answers browsers with, or absent for none
 * @param invokeMode {@code BUFFERED} (when absent) or {@code RESPONSE_STREAM}
 */
public record FunctionUrlRequest(@NotNull AuthType authType, @Nullable @Valid Cors cors,
		@Nullable InvokeMode invokeMode) {

	/** Who may call a function URL. */
	public enum AuthType {

		/** Anyone. */
		NONE,

		/** Callers that sign with Signature V4. */
		AWS_IAM

	}

	/** How the gateway answers. */
	public enum InvokeMode {

		/** With the whole response, once the function has finished. */
		BUFFERED,

		/** As the function streams it. */
		RESPONSE_STREAM

	}

	/**
	 * CORS settings, as Lambda's {@code Cors}.
	 *
	 * @param allowCredentials whether credentials are allowed; false when absent
	 * @param allowHeaders up to 100 allowed request headers
	 * @param allowMethods up to 6 of {@code GET}, {@code PUT}, {@code HEAD},
	 * {@code POST}, {@code PATCH}, {@code DELETE} and {@code *}
	 * @param allowOrigins up to 100 allowed origins ({@code *} for any)
	 * @param exposeHeaders up to 100 headers exposed to the browser
	 * @param maxAgeSeconds how long a browser may cache a preflight answer, 0–86400; 0
	 * when absent
	 */
	public record Cors(@Nullable Boolean allowCredentials,
			@Nullable @Size(max = 100) List<@NotBlank @Size(max = 1024) String> allowHeaders,
			@Nullable @Size(max = 6) List<@NotNull @Pattern(regexp = "GET|PUT|HEAD|POST|PATCH|DELETE|\\*",
					flags = Pattern.Flag.CASE_INSENSITIVE) String> allowMethods,
			@Nullable @Size(max = 100) List<@NotBlank @Size(max = 253) String> allowOrigins,
			@Nullable @Size(max = 100) List<@NotBlank @Size(max = 1024) String> exposeHeaders,
			@Nullable @Min(0) @Max(86400) Integer maxAgeSeconds) {

	}

}
