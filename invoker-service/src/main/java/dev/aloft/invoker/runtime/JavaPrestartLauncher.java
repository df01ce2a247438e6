package dev.aloft.invoker.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The main class of a pre-started Java environment. It does not run in the invoker:
 * {@link JavaRuntimes} ships this class (and its nested ones) as a jar of its own, next
 * to AWS's runtime interface client (RIC), and a pre-started JVM runs it in an empty task
 * root. It boots the JVM and waits, over the Runtime API, for the function it is given
 * ({@code GET .../2018-06-01/aloft/assignment}, which only its own secret reaches); then
 * it replaces its environment variables with that function's (keeping the sandbox's
 * {@code TMPDIR} and {@code HOME}, as the other bootstraps do) and runs the RIC's
 * {@code main} with the function's handler, as a JVM started for the function would. By
 * then the invoker has put the function's code into the task root, which is the JVM's
 * working directory: where the RIC loads the handler from, and what relative paths
 * resolve against.
 * <p>
 * The variables are replaced twice over. {@link System#getenv()} is a snapshot the JDK
 * took of the process's environment; it is rewritten through reflection on the JDK's
 * unmodifiable map ({@code --add-opens java.base/java.util=ALL-UNNAMED}), as AWS's own
 * RIC adjusts its environment, and the same map is what a {@code ProcessBuilder} copies
 * when its environment is asked for. The process's own environment (the C library's
 * {@code environ}) is what a process started without one inherits ({@code Runtime.exec},
 * a {@code ProcessBuilder} left alone) and what native code reads; it is rewritten with
 * {@code clearenv(3)} and {@code setenv(3)} through the foreign function API, which is
 * final from JDK 22 on (so the invoker pre-starts JVMs only on JDK 22 or newer) and is
 * called reflectively because this class is compiled for 21 with the rest of the invoker.
 * <p>
 * The RIC reads its environment while its classes initialise, so nothing of it is
 * initialised before the swap: this class only loads the RIC's entry class. It speaks
 * HTTP over a plain socket rather than through the JDK's {@code HttpClient}, which would
 * initialise the JDK's default TLS context, and with it security settings the RIC sets
 * for itself when it starts.
 * <p>
 * Exit codes: 2 when the Runtime API fails (as the Python and Node.js bootstraps), 3 when
 * the environment cannot be replaced.
 */
public final class JavaPrestartLauncher {

	/** The RIC's entry class; its {@code main} takes the handler. */
	static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

	private static final String ASSIGNMENT_PATH = "/2018-06-01/aloft/assignment";

	/** What the sandbox itself set, which the function keeps. */
	private static final List<String> SANDBOX_VARIABLES = List.of("TMPDIR", "HOME");

	private static final int EXIT_RUNTIME_API_ERROR = 2;

	private static final int EXIT_ENVIRONMENT_ERROR = 3;

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	private JavaPrestartLauncher() {
	}

	/**
	 * Waits for the function, takes on its environment, then becomes the RIC.
	 * @param args none
	 * @throws Throwable whatever the RIC's {@code main} throws
	 */
	public static void main(String[] args) throws Throwable {
		// What can be done ahead is done while nobody waits: loading (not initialising)
		// the RIC's entry class, preparing the environment's replacement, and running
		// the JDK's reflection once, so that the function's init pays for none of it.
		Class<?> runtimeClient = Class.forName(RUNTIME_CLIENT, false, ClassLoader.getSystemClassLoader());
		Method main = runtimeClient.getMethod("main", String[].class);
		EnvironmentWriter writer;
		try {
			writer = EnvironmentWriter.prepare();
			JavaPrestartLauncher.class.getDeclaredMethod("warmUp", String[].class).invoke(null, (Object) args);
		}
		catch (Throwable ex) {
			System.err.println("[aloft-prestart] Cannot replace this JVM's environment: " + ex);
			System.exit(EXIT_ENVIRONMENT_ERROR);
			return;
		}
		Map<String, String> environment;
		try {
			environment = awaitAssignment(System.getenv("AWS_LAMBDA_RUNTIME_API"));
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("[aloft-prestart] GET " + ASSIGNMENT_PATH + " failed: " + ex);
			System.exit(EXIT_RUNTIME_API_ERROR);
			return;
		}
		for (String name : SANDBOX_VARIABLES) {
			String value = System.getenv(name);
			if (value != null) {
				environment.put(name, value);
			}
		}
		try {
			writer.replace(environment);
		}
		catch (Throwable ex) {
			System.err.println("[aloft-prestart] Could not take on the function's environment: " + ex);
			System.exit(EXIT_ENVIRONMENT_ERROR);
			return;
		}
		try {
			main.invoke(null, (Object) new String[] { environment.getOrDefault("_HANDLER", "") });
		}
		catch (InvocationTargetException ex) {
			// As if the RIC's main had been the JVM's: its failure ends the JVM the same.
			throw ex.getCause();
		}
	}

	/**
	 * Does nothing, reflectively, ahead: a static method of the RIC's {@code main}'s
	 * shape, so the JDK builds what calling one through reflection takes before the
	 * function is waiting.
	 * @param args ignored
	 */
	static void warmUp(String[] args) {
		// Nothing to do: the call is the point.
	}

	/**
	 * Asks the Runtime API for the function, waiting as long as it takes.
	 * @param runtimeApi {@code host:port/secret}, as {@code AWS_LAMBDA_RUNTIME_API}
	 * @return the function's environment variables
	 */
	static Map<String, String> awaitAssignment(String runtimeApi) throws IOException {
		if (runtimeApi == null || runtimeApi.isBlank()) {
			throw new IOException("AWS_LAMBDA_RUNTIME_API is not set");
		}
		URI address = URI.create("http://" + runtimeApi.strip());
		if (address.getHost() == null || address.getPort() < 0) {
			throw new IOException("Not a Runtime API address: " + runtimeApi);
		}
		String path = ((address.getRawPath() != null) ? address.getRawPath().replaceAll("/+$", "") : "")
				+ ASSIGNMENT_PATH;
		byte[] body = get(address.getHost(), address.getPort(), path);
		Object json = new JsonReader(new String(body, StandardCharsets.UTF_8)).document();
		if (!(json instanceof Map<?, ?> document) || !(document.get("environment") instanceof Map<?, ?> variables)) {
			throw new IOException("The assignment is not {\"environment\": {...}}");
		}
		Map<String, String> environment = new HashMap<>();
		for (Map.Entry<?, ?> variable : variables.entrySet()) {
			if (!(variable.getValue() instanceof String value)) {
				throw new IOException("Variable " + variable.getKey() + " is not a string");
			}
			environment.put((String) variable.getKey(), value);
		}
		return environment;
	}

	/**
	 * One HTTP/1.1 GET on a connection of its own, closed after the answer.
	 * @return the body of a 200 answer
	 */
	private static byte[] get(String host, int port, String path) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return HttpAnswer.body(socket.getInputStream());
		}
	}

	/**
	 * Replaces the environment, both the JDK's and the process's (see the class comment).
	 * Prepared ahead: finding the JDK's map and building the foreign calls loads and
	 * links a few hundred classes, which would otherwise count towards the function's
	 * init.
	 */
	static final class EnvironmentWriter {

		/** The map behind {@link System#getenv()}. */
		private final Map<String, String> jdkEnvironment;

		/** {@code int clearenv(void)}. */
		private final MethodHandle clearenv;

		/**
		 * {@code int setenv(const char *, const char *, int)}, taking memory segments.
		 */
		private final MethodHandle setenv;

		/** {@code Arena.ofConfined()}. */
		private final Method newArena;

		/** {@code SegmentAllocator.allocateFrom(String)}: a C string. */
		private final Method cString;

		private EnvironmentWriter(Map<String, String> jdkEnvironment, MethodHandle clearenv, MethodHandle setenv,
				Method newArena, Method cString) {
			this.jdkEnvironment = jdkEnvironment;
			this.clearenv = clearenv;
			this.setenv = setenv;
			this.newArena = newArena;
			this.cString = cString;
		}

		@SuppressWarnings("unchecked")
		static EnvironmentWriter prepare() throws Throwable {
			Map<String, String> unmodifiable = System.getenv();
			Field backing = unmodifiable.getClass().getDeclaredField("m");
			backing.setAccessible(true);
			Map<String, String> jdkEnvironment = (Map<String, String>) backing.get(unmodifiable);
			// The foreign function API, reflectively (see the class comment).
			Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
			Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
			Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
			Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
			Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
			Object linker = linkerType.getMethod("nativeLinker").invoke(null);
			Object libc = linkerType.getMethod("defaultLookup").invoke(linker);
			Method find = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class);
			Method descriptor = descriptorType.getMethod("of", layoutType, layoutType.arrayType());
			Method downcall = linkerType.getMethod("downcallHandle", Class.forName("java.lang.foreign.MemorySegment"),
					descriptorType, optionType.arrayType());
			Object intLayout = valueLayoutType.getField("JAVA_INT").get(null);
			Object addressLayout = valueLayoutType.getField("ADDRESS").get(null);
			Object[] setenvParameters = (Object[]) Array.newInstance(layoutType, 3);
			setenvParameters[0] = addressLayout;
			setenvParameters[1] = addressLayout;
			setenvParameters[2] = intLayout;
			MethodHandle clearenv = (MethodHandle) downcall.invoke(linker,
					((Optional<?>) find.invoke(libc, "clearenv")).orElseThrow(),
					descriptor.invoke(null, intLayout, Array.newInstance(layoutType, 0)),
					Array.newInstance(optionType, 0));
			MethodHandle setenv = (MethodHandle) downcall.invoke(linker,
					((Optional<?>) find.invoke(libc, "setenv")).orElseThrow(),
					descriptor.invoke(null, intLayout, setenvParameters), Array.newInstance(optionType, 0));
			EnvironmentWriter writer = new EnvironmentWriter(jdkEnvironment, clearenv,
					setenv.asType(MethodType.methodType(int.class, Object.class, Object.class, int.class)),
					Class.forName("java.lang.foreign.Arena").getMethod("ofConfined"),
					Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocateFrom", String.class));
			// Once ahead, harmlessly (a variable set to the value it has), so the first
			// call the function waits for is not the first call.
			String runtimeApi = jdkEnvironment.get("AWS_LAMBDA_RUNTIME_API");
			if (runtimeApi != null) {
				writer.setProcessVariables(Map.of("AWS_LAMBDA_RUNTIME_API", runtimeApi));
			}
			return writer;
		}

		/**
		 * Replaces every variable with the given ones.
		 */
		void replace(Map<String, String> environment) throws Throwable {
			if ((int) this.clearenv.invokeExact() != 0) {
				throw new IllegalStateException("clearenv failed");
			}
			setProcessVariables(environment);
			this.jdkEnvironment.clear();
			this.jdkEnvironment.putAll(environment);
		}

		/**
		 * Sets variables of the process's own environment. The C library copies what it
		 * is given, so the strings live only as long as the call.
		 */
		private void setProcessVariables(Map<String, String> variables) throws Throwable {
			try (AutoCloseable arena = (AutoCloseable) this.newArena.invoke(null)) {
				for (Map.Entry<String, String> variable : variables.entrySet()) {
					Object name = this.cString.invoke(arena, variable.getKey());
					Object value = this.cString.invoke(arena, variable.getValue());
					if ((int) this.setenv.invokeExact(name, value, 1) != 0) {
						throw new IllegalStateException("setenv failed for " + variable.getKey());
					}
				}
			}
		}

	}

	/**
	 * An HTTP answer read to its end: the status line, the headers, and a body of a
	 * length, chunked, or up to the end of the connection.
	 */
	static final class HttpAnswer {

		private HttpAnswer() {
		}

		static byte[] body(InputStream in) throws IOException {
			byte[] answer = in.readAllBytes();
			int headerEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
			if (headerEnd < 0) {
				throw new IOException("The Runtime API answered no HTTP headers");
			}
			String[] head = new String(answer, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
			String[] status = head[0].split(" ", 3);
			if (status.length < 2 || !status[0].startsWith("HTTP/")) {
				throw new IOException("Not an HTTP answer: " + head[0]);
			}
			int start = headerEnd + 4;
			boolean chunked = false;
			int length = answer.length - start;
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				if (colon < 0) {
					continue;
				}
				String name = head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
				String value = head[i].substring(colon + 1).strip();
				if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
					chunked = true;
				}
				else if (name.equals("content-length")) {
					length = Math.min(length, Integer.parseInt(value));
				}
			}
			byte[] body = chunked ? dechunk(answer, start) : Arrays.copyOfRange(answer, start, start + length);
			if (!status[1].equals("200")) {
				throw new IOException(
						"The Runtime API answered " + status[1] + ": " + new String(body, StandardCharsets.UTF_8));
			}
			return body;
		}

		private static byte[] dechunk(byte[] answer, int start) throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int at = start;
			while (true) {
				int lineEnd = indexOf(answer, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
				if (lineEnd < 0) {
					throw new IOException("A chunked answer ended early");
				}
				String size = new String(answer, at, lineEnd - at, StandardCharsets.US_ASCII).split(";", 2)[0].strip();
				int length = Integer.parseInt(size, 16);
				if (length == 0) {
					return body.toByteArray();
				}
				if (lineEnd + 2 + length > answer.length) {
					throw new IOException("A chunked answer ended early");
				}
				body.write(answer, lineEnd + 2, length);
				at = lineEnd + 2 + length + 2;
			}
		}

		private static int indexOf(byte[] bytes, byte[] wanted, int from) {
			for (int i = from; i <= bytes.length - wanted.length; i++) {
				int j = 0;
				while (j < wanted.length && bytes[i + j] == wanted[j]) {
					j++;
				}
				if (j == wanted.length) {
					return i;
				}
			}
			return -1;
		}

	}

	/**
	 * Just enough of a JSON reader for the assignment: objects become maps, arrays lists,
	 * strings strings, and numbers, booleans and null their text.
	 */
	static final class JsonReader {

		private final String text;

		private int at;

		JsonReader(String text) {
			this.text = text;
		}

		Object document() throws IOException {
			Object value = value();
			skipSpace();
			if (this.at != this.text.length()) {
				throw error("text after the document");
			}
			return value;
		}

		private Object value() throws IOException {
			skipSpace();
			if (this.at >= this.text.length()) {
				throw error("a value");
			}
			char first = this.text.charAt(this.at);
			if (first == '{') {
				return object();
			}
			if (first == '[') {
				return array();
			}
			if (first == '"') {
				return string();
			}
			int start = this.at;
			while (this.at < this.text.length() && ",}] \t\r\n".indexOf(this.text.charAt(this.at)) < 0) {
				this.at++;
			}
			if (start == this.at) {
				throw error("a value");
			}
			return this.text.substring(start, this.at);
		}

		private Map<String, Object> object() throws IOException {
			Map<String, Object> object = new LinkedHashMap<>();
			this.at++;
			skipSpace();
			if (peek() == '}') {
				this.at++;
				return object;
			}
			while (true) {
				skipSpace();
				if (peek() != '"') {
					throw error("a member name");
				}
				String name = string();
				skipSpace();
				expect(':');
				object.put(name, value());
				skipSpace();
				if (peek() == ',') {
					this.at++;
					continue;
				}
				expect('}');
				return object;
			}
		}

		private List<Object> array() throws IOException {
			List<Object> array = new ArrayList<>();
			this.at++;
			skipSpace();
			if (peek() == ']') {
				this.at++;
				return array;
			}
			while (true) {
				array.add(value());
				skipSpace();
				if (peek() == ',') {
					this.at++;
					continue;
				}
				expect(']');
				return array;
			}
		}

		private String string() throws IOException {
			StringBuilder string = new StringBuilder();
			this.at++;
			while (true) {
				if (this.at >= this.text.length()) {
					throw error("the end of a string");
				}
				char c = this.text.charAt(this.at++);
				if (c == '"') {
					return string.toString();
				}
				if (c != '\\') {
					string.append(c);
					continue;
				}
				if (this.at >= this.text.length()) {
					throw error("an escape");
				}
				char escaped = this.text.charAt(this.at++);
				switch (escaped) {
					case '"', '\\', '/' -> string.append(escaped);
					case 'b' -> string.append('\b');
					case 'f' -> string.append('\f');
					case 'n' -> string.append('\n');
					case 'r' -> string.append('\r');
					case 't' -> string.append('\t');
					case 'u' -> {
						if (this.at + 4 > this.text.length()) {
							throw error("four hex digits");
						}
						string.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
						this.at += 4;
					}
					default -> throw error("an escape");
				}
			}
		}

		private char peek() {
			return (this.at < this.text.length()) ? this.text.charAt(this.at) : 0;
		}

		private void expect(char wanted) throws IOException {
			if (peek() != wanted) {
				throw error("'" + wanted + "'");
			}
			this.at++;
		}

		private void skipSpace() {
			while (this.at < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.at)) >= 0) {
				this.at++;
			}
		}

		private IOException error(String expected) {
			return new IOException("Expected " + expected + " at " + this.at + " of the assignment");
		}

	}

}
