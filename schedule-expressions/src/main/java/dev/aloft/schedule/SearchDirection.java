package dev.aloft.schedule;

import java.util.BitSet;

/**
 * Which way {@link CronCalendar} walks through time: forward to the next fire time, or
 * backward to the latest one. Each method answers for one field's set of values.
 */
enum SearchDirection {

	FORWARD {

		@Override
		int first(BitSet values, int bound) {
			return values.nextSetBit(Math.max(bound, 0));
		}

		@Override
		int following(BitSet values, int value) {
			return values.nextSetBit(value + 1);
		}

		@Override
		int open(int min, int max) {
			return min;
		}

	},

	BACKWARD {

		@Override
		int first(BitSet values, int bound) {
			return (bound < 0) ? -1 : values.previousSetBit(bound);
		}

		@Override
		int following(BitSet values, int value) {
			return values.previousSetBit(value - 1);
		}

		@Override
		int open(int min, int max) {
			return max;
		}

	};

	/**
	 * The first value in this direction that does not pass a bound.
	 * @param values the field's values
	 * @param bound the bound
	 * @return the value, or -1 when there is none
	 */
	abstract int first(BitSet values, int bound);

	/**
	 * The value after another one in this direction.
	 * @param values the field's values
	 * @param value the value reached so far
	 * @return the value, or -1 when there is none
	 */
	abstract int following(BitSet values, int value);

	/**
	 * The bound to use once a larger unit has moved past the starting point, so that the
	 * whole of the smaller one is open: its start going forward, its end going backward.
	 * @param min the smallest value the field has
	 * @param max the largest
	 * @return the bound
	 */
	abstract int open(int min, int max);

}
