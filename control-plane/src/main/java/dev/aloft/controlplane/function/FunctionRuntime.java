package dev.aloft.controlplane.function;

import java.util.Arrays;
import java.util.Optional;

/**
 * The runtimes a function can name, as Lambda spells them.
 */
enum FunctionRuntime {

	PYTHON_3_9("python3.9", Family.PYTHON), PYTHON_3_10("python3.10", Family.PYTHON),
	PYTHON_3_11("python3.11", Family.PYTHON), PYTHON_3_12("python3.12", Family.PYTHON),
	PYTHON_3_13("python3.13", Family.PYTHON), PYTHON_3_14("python3.14", Family.PYTHON),
	NODEJS_18("nodejs18.x", Family.NODE), NODEJS_20("nodejs20.x", Family.NODE), NODEJS_22("nodejs22.x", Family.NODE),
	NODEJS_24("nodejs24.x", Family.NODE), JAVA_17("java17", Family.JAVA), JAVA_21("java21", Family.JAVA),
	JAVA_25("java25", Family.JAVA), PROVIDED("provided", Family.PROVIDED),
	PROVIDED_AL2("provided.al2", Family.PROVIDED), PROVIDED_AL2023("provided.al2023", Family.PROVIDED);

	private final String id;

	private final Family family;

	FunctionRuntime(String id, Family family) {
		this.id = id;
		this.family = family;
	}

	String id() {
		return this.id;
	}

	Family family() {
		return this.family;
	}

	static Optional<FunctionRuntime> of(String id) {
		return Arrays.stream(values()).filter((runtime) -> runtime.id.equals(id)).findFirst();
	}

	static String supportedIds() {
		return String.join(", ", Arrays.stream(values()).map(FunctionRuntime::id).toList());
	}

	/** Runtimes that find a handler the same way. */
	enum Family {

		PYTHON, NODE, JAVA, PROVIDED

	}

}
