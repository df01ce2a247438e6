/**
 * Test-scope wiring shared by the services' tests.
 */
@NullMarked
package dev.aloft.testsupport;

import org.jspecify.annotations.NullMarked;
