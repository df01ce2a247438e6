/**
 * A small HTTP/1.1 client for the hot path between Aloft's own services. The JDK's
 * {@code HttpClient} hands every exchange between its selector thread and an executor; on
 * loopback that costs about as much as the call itself. This client writes the request
 * and reads the answer on the calling thread (a virtual thread, cheaply parked while it
 * waits), over keep-alive connections it pools per address.
 */
@NullMarked
package dev.aloft.http;

import org.jspecify.annotations.NullMarked;
