package dev.aloft.controlplane.accesskey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a namespaced endpoint needs, when it is not the default (reads need
 * {@link Capability#READ}, every other method {@link Capability#WRITE}).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresCapability {

	/**
	 * The capability needed.
	 * @return the capability
	 */
	Capability value();

}
