package dev.aloft.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free loopback ports, so tests never collide with a platform someone is running.
 */
final class Ports {

	private Ports() {
	}

	/** Every port handed out: the kernel may offer a port again once its probe closed. */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/**
	 * A port free now, and never handed out before in this JVM, so that two services of
	 * one test never get the same one.
	 * @return the port
	 */
	static int free() {
		while (true) {
			int port = probe();
			if (HANDED_OUT.add(port)) {
				return port;
			}
		}
	}

	private static int probe() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
