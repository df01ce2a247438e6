package dev.aloft.invoker.pool;

/**
 * What a pre-started environment can take: functions of one runtime family and one memory
 * size.
 *
 * @param family the runtime family ({@code python}, {@code nodejs}, {@code java})
 * @param memoryMb the memory size
 */
record PrestartKey(String family, int memoryMb) {

	@Override
	public String toString() {
		return this.family + "/" + this.memoryMb + "MB";
	}

}
