package dev.aloft.gateway.route;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where function URLs are served besides their path, {@code /urls/<url id>/}: at the host
 * {@code <url id>.lambda-url.<region>.<domain>}, as Lambda names them.
 *
 * @param domain the domain under which function URL hosts are named. {@code localhost} by
 * default, since clients such as curl and browsers resolve every {@code *.localhost} name
 * to the loopback address
 */
@Validated
@ConfigurationProperties("aloft.gateway.function-urls")
record FunctionUrlProperties(@NotBlank @DefaultValue("localhost") String domain) {

}
