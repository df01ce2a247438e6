package dev.aloft.controlplane.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the public, versioned REST API: its paths are served under
 * {@code /v{version}}, e.g. {@code /v1/namespaces/...}, and its mappings name the version
 * they serve.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicApi {

}
