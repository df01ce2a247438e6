package dev.aloft.invoker.sandbox.docker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client of the Docker Engine API over its unix socket: HTTP/1.1, one connection
 * per request (the engine is local, and long-lived requests such as {@code wait} and
 * followed logs hold their connection anyway). Unversioned paths, so the engine answers
 * in its own current API version.
 */
class DockerEngine {

	private final Path socket;

	private final JsonMapper json = JsonMapper.builder().build();

	DockerEngine(Path socket) {
		this.socket = socket;
	}

	Path socket() {
		return this.socket;
	}

	/**
	 * Sends a request and reads its whole answer.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param body a JSON body, or null
	 * @return the answer
	 * @throws DockerEngineException when the engine cannot be reached
	 */
	Response call(String method, String path, Object body) {
		return call(method, path, (body != null) ? this.json.writeValueAsBytes(body) : null, "application/json");
	}

	/**
	 * Sends a request with a body of any type (a build context is a tar) and reads its
	 * whole answer.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param content the body, or null
	 * @param contentType the body's type
	 * @return the answer
	 * @throws DockerEngineException when the engine cannot be reached
	 */
	Response call(String method, String path, byte[] content, String contentType) {
		try (Exchange exchange = send(method, path, content, contentType)) {
			byte[] bytes = exchange.body().readAllBytes();
			return new Response(exchange.status(), new String(bytes, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw unreachable(ex);
		}
	}

	/**
	 * Sends a request and answers with its body as a stream, for long answers such as
	 * followed logs. The caller closes it.
	 */
	Exchange open(String method, String path, Object body) {
		return send(method, path, (body != null) ? this.json.writeValueAsBytes(body) : null, "application/json");
	}

	private Exchange send(String method, String path, byte[] body, String contentType) {
		SocketChannel channel = null;
		try {
			channel = SocketChannel.open(UnixDomainSocketAddress.of(this.socket));
			byte[] content = (body != null) ? body : new byte[0];
			StringBuilder head = new StringBuilder().append(method)
				.append(' ')
				.append(path)
				.append(" HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n");
			if (body != null) {
				head.append("Content-Type: ").append(contentType).append("\r\n");
			}
			head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
			OutputStream out = Channels.newOutputStream(channel);
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(content);
			out.flush();
			InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
			String statusLine = readLine(in);
			String[] parts = statusLine.split(" ", 3);
			if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
				throw new IOException("Not an HTTP answer: " + statusLine);
			}
			int status = Integer.parseInt(parts[1]);
			long length = -1;
			boolean chunked = false;
			for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
				int colon = header.indexOf(':');
				if (colon < 0) {
					continue;
				}
				String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).trim();
				if (name.equals("content-length")) {
					length = Long.parseLong(value);
				}
				else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
					chunked = true;
				}
			}
			InputStream bodyStream = chunked ? new ChunkedInputStream(in)
					: (length >= 0) ? new BoundedInputStream(in, length) : in;
			return new Exchange(channel, status, bodyStream);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(channel);
			throw unreachable(ex);
		}
	}

	JsonNode parse(Response response) {
		return this.json.readTree(response.body());
	}

	private DockerEngineException unreachable(Exception ex) {
		return new DockerEngineException("The Docker engine at " + this.socket + " cannot be reached ("
				+ ex.getMessage() + "); is dockerd running? (.ci/start-docker starts one)", ex);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Reads one CRLF-terminated line of the HTTP head or of chunk framing.
	 */
	static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		if (b == -1 && line.size() == 0) {
			throw new IOException("The engine closed the connection");
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	private static void closeQuietly(SocketChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing more to do with it.
			}
		}
	}

	/**
	 * An answer read in full.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 */
	record Response(int status, String body) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		/**
		 * This answer as an exception, with the engine's message.
		 */
		DockerEngineException failure(String what) {
			return new DockerEngineException(what + ": the engine answered " + this.status + " " + this.body.strip(),
					null);
		}

	}

	/**
	 * An answer whose body is read as a stream.
	 *
	 * @param channel the connection
	 * @param status the HTTP status
	 * @param body the body, framing removed
	 */
	record Exchange(SocketChannel channel, int status, InputStream body) implements AutoCloseable {

		@Override
		public void close() {
			closeQuietly(this.channel);
		}

	}

	/**
	 * A body of known length.
	 */
	private static final class BoundedInputStream extends InputStream {

		private final InputStream in;

		private long remaining;

		BoundedInputStream(InputStream in, long length) {
			this.in = in;
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int b = this.in.read();
			if (b >= 0) {
				this.remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (read > 0) {
				this.remaining -= read;
			}
			return read;
		}

	}

}
