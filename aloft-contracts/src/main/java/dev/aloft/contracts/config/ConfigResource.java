package dev.aloft.contracts.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One resource on the configuration feed. Followers keep the latest state of each
 * resource, identified by its {@link #kind()} and {@link #key()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = FunctionVersionConfig.class, name = "FUNCTION_VERSION"),
		@JsonSubTypes.Type(value = RouteConfig.class, name = "ROUTE"),
		@JsonSubTypes.Type(value = AliasConfig.class, name = "ALIAS"),
		@JsonSubTypes.Type(value = EventInvokeConfig.class, name = "EVENT_INVOKE_CONFIG"),
		@JsonSubTypes.Type(value = FunctionConcurrencyConfig.class, name = "FUNCTION_CONCURRENCY"),
		@JsonSubTypes.Type(value = EventSourceMappingConfig.class, name = "EVENT_SOURCE_MAPPING"),
		@JsonSubTypes.Type(value = ScheduleConfig.class, name = "SCHEDULE"),
		@JsonSubTypes.Type(value = BucketNotificationConfig.class, name = "BUCKET_NOTIFICATION"),
		@JsonSubTypes.Type(value = FunctionUrlConfig.class, name = "FUNCTION_URL"),
		@JsonSubTypes.Type(value = NamespaceConfig.class, name = "NAMESPACE"),
		@JsonSubTypes.Type(value = AccessKeyConfig.class, name = "ACCESS_KEY"),
		@JsonSubTypes.Type(value = ProvisionedConcurrencyConfig.class, name = "PROVISIONED_CONCURRENCY"),
		@JsonSubTypes.Type(value = FunctionPermissionConfig.class, name = "FUNCTION_PERMISSION") })
public sealed interface ConfigResource permits FunctionVersionConfig, RouteConfig, AliasConfig, EventInvokeConfig,
		FunctionConcurrencyConfig, EventSourceMappingConfig, ScheduleConfig, BucketNotificationConfig,
		FunctionUrlConfig, NamespaceConfig, AccessKeyConfig, ProvisionedConcurrencyConfig, FunctionPermissionConfig {

	/**
	 * The kind of resource.
	 * @return the kind
	 */
	ResourceKind kind();

	/**
	 * The identity of the resource within its kind; stable across changes.
	 * @return the key
	 */
	String key();

}
