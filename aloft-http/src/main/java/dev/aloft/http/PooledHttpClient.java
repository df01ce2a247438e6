package dev.aloft.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Sends HTTP/1.1 requests over keep-alive connections pooled per address, on the calling
 * thread. Meant for virtual threads: a call blocks while it waits for the answer.
 * <p>
 * An idle connection is checked before it is reused, so a request is written only to a
 * connection that was open a moment before: when the answer then fails to come, the
 * request reached the server. {@link RequestNotSentException} is thrown only when no
 * connection could be made, which means the server never saw the request.
 */
public final class PooledHttpClient implements AutoCloseable {

	private final int connectTimeoutMillis;

	private final long maxIdleNanos;

	private final int maxIdlePerAddress;

	private final Map<String, IdleConnections> idle = new ConcurrentHashMap<>();

	/**
	 * Creates a client.
	 * @param connectTimeout how long to wait for a connection
	 * @param maxIdle how long an unused connection is kept; keep it well below the
	 * servers' keep-alive timeout
	 * @param maxIdlePerAddress how many unused connections are kept per address
	 */
	public PooledHttpClient(Duration connectTimeout, Duration maxIdle, int maxIdlePerAddress) {
		this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
		this.maxIdleNanos = maxIdle.toNanos();
		this.maxIdlePerAddress = maxIdlePerAddress;
	}

	/**
	 * Sends a request and reads the whole answer.
	 * @param base the server's base URL ({@code http} only); its path, if any, prefixes
	 * the request's
	 * @param request the request
	 * @param timeout how long to wait for the answer once the request is written, between
	 * any two reads
	 * @return the answer
	 * @throws RequestNotSentException when no connection could be made
	 * @throws SocketTimeoutException when the answer did not come in time
	 * @throws IOException when the exchange failed after the request was written
	 */
	public HttpAnswer send(URI base, HttpRequestLine request, Duration timeout) throws IOException {
		if (!"http".equals(base.getScheme()) || base.getHost() == null) {
			throw new IllegalArgumentException("Only http:// URLs are supported: " + base);
		}
		int port = (base.getPort() != -1) ? base.getPort() : 80;
		String host = base.getHost() + ":" + port;
		IdleConnections pool = this.idle.computeIfAbsent(host, (key) -> new IdleConnections());
		PooledConnection connection = pool.take(System.nanoTime() - this.maxIdleNanos);
		if (connection == null) {
			connection = connect(base.getHost(), port);
		}
		try {
			HttpAnswer answer = connection.exchange(host, path(base, request), request,
					Math.toIntExact(Math.max(1, timeout.toMillis())));
			if (connection.reusable()) {
				connection.markIdle(System.nanoTime());
				pool.give(connection, this.maxIdlePerAddress);
			}
			else {
				connection.close();
			}
			return answer;
		}
		catch (IOException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private PooledConnection connect(String host, int port) throws IOException {
		try {
			return PooledConnection.open(new InetSocketAddress(host, port), this.connectTimeoutMillis);
		}
		catch (ConnectException | NoRouteToHostException | UnknownHostException | SocketTimeoutException ex) {
			throw new RequestNotSentException("Could not connect to " + host + ":" + port + ": " + ex.getMessage(), ex);
		}
	}

	private static String path(URI base, HttpRequestLine request) {
		String prefix = base.getRawPath();
		if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
			return request.rawPath();
		}
		return (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + request.rawPath();
	}

	/** Closes the idle connections; connections in use close when their calls end. */
	@Override
	public void close() {
		this.idle.values().forEach(IdleConnections::closeAll);
	}

	/**
	 * The idle connections to one address, most recently used first: the warmest
	 * connection serves the next call, and the coldest ones age out.
	 */
	private static final class IdleConnections {

		private final ReentrantLock lock = new ReentrantLock();

		private final ArrayDeque<PooledConnection> connections = new ArrayDeque<>();

		@Nullable PooledConnection take(long idleSinceAtLeastNanos) {
			while (true) {
				PooledConnection connection;
				this.lock.lock();
				try {
					connection = this.connections.pollFirst();
				}
				finally {
					this.lock.unlock();
				}
				if (connection == null) {
					return null;
				}
				if (connection.idleSinceNanos() - idleSinceAtLeastNanos >= 0 && connection.stillOpen()) {
					return connection;
				}
				connection.close();
			}
		}

		void give(PooledConnection connection, int max) {
			PooledConnection evicted = null;
			this.lock.lock();
			try {
				this.connections.addFirst(connection);
				if (this.connections.size() > max) {
					evicted = this.connections.pollLast();
				}
			}
			finally {
				this.lock.unlock();
			}
			if (evicted != null) {
				evicted.close();
			}
		}

		void closeAll() {
			this.lock.lock();
			try {
				this.connections.forEach(PooledConnection::close);
				this.connections.clear();
			}
			finally {
				this.lock.unlock();
			}
		}

	}

}
