package dev.aloft.controlplane.lambdaapi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aloft.controlplane.accesskey.Caller;
import dev.aloft.controlplane.accesskey.Capability;
import dev.aloft.controlplane.function.FunctionTags;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lambda's {@code TagResource}, {@code UntagResource} and {@code ListTags} at
 * {@code /2017-03-31/tags/{ARN}}, on a function's unqualified ARN (Lambda tags neither
 * versions nor aliases).
 */
@RestController
class LambdaTagController {

	private final FunctionTags tags;

	private final LambdaTargets targets;

	private final LambdaRequests requests;

	LambdaTagController(FunctionTags tags, LambdaTargets targets, LambdaRequests requests) {
		this.tags = tags;
		this.targets = targets;
		this.requests = requests;
	}

	@PostMapping("/2017-03-31/tags/{arn}")
	ResponseEntity<Void> tag(Caller caller, @PathVariable String arn,
			@RequestBody(required = false) byte @Nullable [] body) {
		TagsBody request = this.requests.read(body, TagsBody.class);
		FunctionRef function = function(caller, arn, Capability.WRITE, "TagResource");
		if (request.tags() == null || request.tags().isEmpty()) {
			throw LambdaException.validation("1 validation error detected: Value null at 'tags' failed to satisfy "
					+ "constraint: Member must not be null");
		}
		this.tags.tag(function.namespace(), function.name(), request.tags());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/2017-03-31/tags/{arn}")
	ResponseEntity<Void> untag(Caller caller, @PathVariable String arn,
			@RequestParam(name = "tagKeys", required = false) @Nullable List<String> tagKeys) {
		FunctionRef function = function(caller, arn, Capability.WRITE, "UntagResource");
		if (tagKeys == null || tagKeys.isEmpty()) {
			throw LambdaException.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy "
					+ "constraint: Member must not be null");
		}
		this.tags.untag(function.namespace(), function.name(), tagKeys);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/2017-03-31/tags/{arn}")
	TagsBody list(Caller caller, @PathVariable String arn) {
		FunctionRef function = function(caller, arn, Capability.READ, "ListTags");
		return new TagsBody(this.tags.tags(function.namespace(), function.name()));
	}

	private FunctionRef function(Caller caller, String arn, Capability capability, String action) {
		if (!arn.startsWith("arn:")) {
			throw LambdaException.validation("1 validation error detected: Value '" + arn
					+ "' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: "
					+ "arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:function:"
					+ "[a-zA-Z0-9-_]+");
		}
		FunctionRef function = this.targets.function(caller, arn, capability, action);
		if (function.qualifier() != null) {
			throw LambdaException.invalidParameter("Tags are supported on functions only, not on versions or "
					+ "aliases: name the function by its unqualified ARN");
		}
		return function;
	}

	/**
	 * {@code {"Tags": {...}}}, in {@code TagResource}'s request and {@code ListTags}'
	 * answer.
	 *
	 * @param tags key to value
	 */
	@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TagsBody(@Nullable Map<String, String> tags) {
	}

}
