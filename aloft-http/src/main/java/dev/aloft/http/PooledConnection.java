package dev.aloft.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One keep-alive connection: writes a request and reads the answer on the calling thread.
 * Not thread-safe; the pool hands it to one caller at a time.
 */
final class PooledConnection implements Closeable {

	private static final int BUFFER_BYTES = 16 * 1024;

	private static final int MAX_LINE_BYTES = 16 * 1024;

	private static final int MAX_HEADERS = 200;

	private final SocketChannel channel;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private boolean reusable = true;

	private long idleSinceNanos;

	private PooledConnection(SocketChannel channel) throws IOException {
		this.channel = channel;
		this.socket = channel.socket();
		this.socket.setTcpNoDelay(true);
		this.socket.setKeepAlive(true);
		this.in = new BufferedInputStream(this.socket.getInputStream(), BUFFER_BYTES);
		this.out = new BufferedOutputStream(this.socket.getOutputStream(), BUFFER_BYTES);
	}

	static PooledConnection open(InetSocketAddress address, int connectTimeoutMillis) throws IOException {
		SocketChannel channel = SocketChannel.open();
		try {
			channel.socket().connect(address, connectTimeoutMillis);
			return new PooledConnection(channel);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Whether the server still holds this idle connection open. A server may close an
	 * idle connection at any time; finding out before writing, rather than after, is what
	 * lets the client never mistake a dead connection for a request that failed while
	 * running.
	 */
	boolean stillOpen() {
		try {
			if (this.in.available() > 0) {
				return false; // bytes nobody asked for: the stream is out of step
			}
			this.channel.configureBlocking(false);
			try {
				return this.channel.read(ByteBuffer.allocate(1)) == 0;
			}
			finally {
				this.channel.configureBlocking(true);
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	HttpAnswer exchange(String host, String path, HttpRequestLine request, int timeoutMillis) throws IOException {
		this.socket.setSoTimeout(timeoutMillis);
		writeRequest(host, path, request);
		return readAnswer(request.method().equals("HEAD"));
	}

	private void writeRequest(String host, String path, HttpRequestLine request) throws IOException {
		StringBuilder head = new StringBuilder(256);
		head.append(request.method())
			.append(' ')
			.append(path)
			.append(" HTTP/1.1\r\nHost: ")
			.append(host)
			.append("\r\n");
		for (Map.Entry<String, String> header : request.headers()) {
			head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
		}
		head.append("Content-Length: ").append(request.body().length).append("\r\n\r\n");
		// Header values are ASCII in practice; UTF-8 keeps anything else intact.
		this.out.write(head.toString().getBytes(StandardCharsets.UTF_8));
		this.out.write(request.body());
		this.out.flush();
	}

	private HttpAnswer readAnswer(boolean head) throws IOException {
		String statusLine = readLine();
		if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
			throw new ProtocolException("Not an HTTP/1.x status line: " + statusLine);
		}
		boolean http10 = statusLine.startsWith("HTTP/1.0");
		int status = parseStatus(statusLine);
		Map<String, List<String>> headers = readHeaders();
		String connection = first(headers, "connection");
		if ((connection != null && connection.equalsIgnoreCase("close"))
				|| (http10 && (connection == null || !connection.equalsIgnoreCase("keep-alive")))) {
			this.reusable = false;
		}
		byte[] body;
		if (head || status / 100 == 1 || status == 204 || status == 304) {
			body = new byte[0];
		}
		else if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
			body = readChunked();
		}
		else if (first(headers, "content-length") != null) {
			body = readExactly(parseLength(first(headers, "content-length")));
		}
		else {
			body = this.in.readAllBytes(); // delimited by the end of the connection
			this.reusable = false;
		}
		return new HttpAnswer(status, headers, body);
	}

	private static int parseStatus(String statusLine) throws ProtocolException {
		try {
			return Integer.parseInt(statusLine.substring(9, 12));
		}
		catch (NumberFormatException ex) {
			throw new ProtocolException("Bad status line: " + statusLine);
		}
	}

	private Map<String, List<String>> readHeaders() throws IOException {
		Map<String, List<String>> headers = new HashMap<>();
		for (int count = 0;; count++) {
			String line = readLine();
			if (line.isEmpty()) {
				return headers;
			}
			int colon = line.indexOf(':');
			if (colon <= 0 || count >= MAX_HEADERS) {
				throw new ProtocolException("Bad header line: " + line);
			}
			headers
				.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), (name) -> new ArrayList<>(1))
				.add(line.substring(colon + 1).trim());
		}
	}

	private byte[] readChunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = readLine();
			int semicolon = sizeLine.indexOf(';');
			int size;
			try {
				size = Integer.parseInt((semicolon >= 0) ? sizeLine.substring(0, semicolon).trim() : sizeLine.trim(),
						16);
			}
			catch (NumberFormatException ex) {
				throw new ProtocolException("Bad chunk size: " + sizeLine);
			}
			if (size < 0) {
				throw new ProtocolException("Bad chunk size: " + sizeLine);
			}
			if (size == 0) {
				while (!readLine().isEmpty()) {
					// trailers: not used
				}
				return body.toByteArray();
			}
			body.write(readExactly(size));
			if (!readLine().isEmpty()) {
				throw new ProtocolException("A chunk did not end with CRLF");
			}
		}
	}

	private byte[] readExactly(int length) throws IOException {
		byte[] bytes = this.in.readNBytes(length);
		if (bytes.length != length) {
			throw new EOFException("The connection closed " + (length - bytes.length) + " bytes before the body ended");
		}
		return bytes;
	}

	private static int parseLength(String value) throws ProtocolException {
		try {
			int length = Integer.parseInt(value);
			if (length < 0) {
				throw new ProtocolException("Bad Content-Length: " + value);
			}
			return length;
		}
		catch (NumberFormatException ex) {
			throw new ProtocolException("Bad Content-Length: " + value);
		}
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder(64);
		while (true) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("The connection closed in the middle of the answer");
			}
			if (b == '\n') {
				int end = line.length();
				if (end > 0 && line.charAt(end - 1) == '\r') {
					line.setLength(end - 1);
				}
				return line.toString();
			}
			if (line.length() >= MAX_LINE_BYTES) {
				throw new ProtocolException("A line of the answer is longer than " + MAX_LINE_BYTES + " bytes");
			}
			line.append((char) b);
		}
	}

	private static @Nullable String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values != null) ? values.getFirst() : null;
	}

	boolean reusable() {
		return this.reusable;
	}

	void markIdle(long nanos) {
		this.idleSinceNanos = nanos;
	}

	long idleSinceNanos() {
		return this.idleSinceNanos;
	}

	@Override
	public void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// closing: nothing left to do
		}
	}

}
