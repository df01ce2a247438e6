package dev.aloft.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports, so tests never collide with a platform someone is running.
 */
final class Ports {

	private Ports() {
	}

	/**
	 * Below Linux's ephemeral range (32768 and up), where the kernel picks the local port
	 * of every outgoing connection: a port handed out here cannot be taken by one of the
	 * platform's own connections before the service meant for it binds it.
	 */
	private static final int LOWEST = 20000;

	private static final int HIGHEST = 32767;

	/** Every port handed out, so that no two services of one run ever get the same. */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/**
	 * A loopback port free now and never handed out before in this JVM.
	 * @return the port
	 */
	static int free() {
		while (true) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
			if (isFree(port) && HANDED_OUT.add(port)) {
				return port;
			}
		}
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return socket.isBound();
		}
		catch (IOException ex) {
			return false;
		}
	}

}
