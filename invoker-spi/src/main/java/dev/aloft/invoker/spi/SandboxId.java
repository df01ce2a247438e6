package dev.aloft.invoker.spi;

/**
 * Identifies a sandbox within one invoker.
 *
 * @param value the identifier: letters, digits and dashes
 */
public record SandboxId(String value) {

	public SandboxId {
		if (!value.matches("[A-Za-z0-9-]{1,64}")) {
			throw new IllegalArgumentException("A sandbox id is 1-64 letters, digits or dashes");
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
