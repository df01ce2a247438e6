package dev.aloft.router.catalog;

import dev.aloft.contracts.config.FunctionVersionConfig;

/**
 * The version a qualifier runs, picked at one configuration revision.
 *
 * @param version the version to run
 * @param revision the revision of the view it was picked from; the invoker waits for its
 * own view to reach it
 */
public record Resolution(FunctionVersionConfig version, long revision) {
}
