package dev.aloft.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ScheduleExpressionParsingTests {

	private static final String EXPECTED = "expected rate(value unit), "
			+ "cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)";

	@ParameterizedTest
	@ValueSource(strings = { "cron(15 10 * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)",
			"cron(0/5 8-17 ? * MON-FRI *)", "cron(0 9 ? * 2#1 *)", "cron(0/15 * * * ? *)", "cron(0 12 L * ? *)",
			"cron(0 12 15W * ? *)", "cron(0 12 ? * 6L *)", "cron(0 10 * * ? *)", "cron(15 12 * * ? *)",
			"cron(0 18 ? * MON-FRI *)", "cron(0/10 * ? * MON-FRI *)", "cron(0 12 L-2 * ? *)", "cron(0 12 LW * ? *)",
			"cron(0 12 ? * L *)", "cron(0 0 ? * fri#3 *)", "cron(0 10 ? jan,Mar,DEC mon-fri *)",
			"cron(0 22-2 ? * FRI-MON 2026-2030)", "cron(*/5 * * * ? *)", "cron(1/10 * * * ? 2026/2)",
			"cron(0 0 1,15,L * ? *)", "cron(0 0 ? * SUN,SAT *)", "cron(0 0 ? * THUL *)" })
	void acceptsCronExpressions(String text) {
		ScheduleExpression expression = ScheduleExpression.parse(text);

		assertThat(expression).isInstanceOf(CronExpression.class);
		assertThat(expression.expression()).isEqualTo(text);
		assertThat(ScheduleExpression.parse(expression.expression())).isEqualTo(expression);
	}

	@ParameterizedTest
	@ValueSource(strings = { "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)",
			"rate(7 days)" })
	void acceptsRateExpressions(String text) {
		ScheduleExpression expression = ScheduleExpression.parse(text);

		assertThat(expression).isInstanceOf(RateExpression.class);
		assertThat(expression.expression()).isEqualTo(text);
	}

	@Test
	void rateExpressionsHaveTheirValueAndUnit() {
		assertThat(ScheduleExpression.parse("rate(5 minutes)")).isEqualTo(new RateExpression(5, RateUnit.MINUTES));
		assertThat(ScheduleExpression.parse("rate(1 day)")).isEqualTo(new RateExpression(1, RateUnit.DAYS));
		assertThat(ScheduleExpression.parse("rate(12 hours)")).isEqualTo(new RateExpression(12, RateUnit.HOURS));
	}

	@Test
	void atExpressionsHaveTheirLocalDateTime() {
		ScheduleExpression expression = ScheduleExpression.parse("at(2027-03-14T09:30:00)");

		assertThat(expression).isEqualTo(new AtExpression(LocalDateTime.of(2027, 3, 14, 9, 30, 0)));
		assertThat(expression.expression()).isEqualTo("at(2027-03-14T09:30:00)");
	}

	@Test
	void expressionTextIsCanonical() {
		assertThat(ScheduleExpression.parse("  rate(05   minutes) ").expression()).isEqualTo("rate(5 minutes)");
		assertThat(ScheduleExpression.parse(" cron(0 12 * * ? *)\n").expression()).isEqualTo("cron(0 12 * * ? *)");
		assertThat(new AtExpression(LocalDateTime.of(2027, 1, 2, 3, 0)).expression())
			.isEqualTo("at(2027-01-02T03:00:00)");
		assertThat(new RateExpression(1, RateUnit.HOURS).expression()).isEqualTo("rate(1 hour)");
	}

	@Test
	void namesAreCaseInsensitiveAndMeanTheirNumbers() {
		assertThat(fires("cron(0 10 ? jan,Mar * *)")).isEqualTo(fires("cron(0 10 ? 1,3 * *)"));
		assertThat(fires("cron(0 18 ? * mon-Fri *)")).isEqualTo(fires("cron(0 18 ? * 2-6 *)"));
		assertThat(fires("cron(0 0 ? * sun *)")).isEqualTo(fires("cron(0 0 ? * 1 *)"));
	}

	private static List<Instant> fires(String text) {
		ScheduleExpression expression = ScheduleExpression.parse(text);
		ScheduleContext context = ScheduleContext.utc(Instant.parse("2026-01-01T00:00:00Z"));
		return Stream
			.iterate(expression.nextFireAfter(context.start(), context).orElseThrow(),
					(tick) -> expression.nextFireAfter(tick, context).orElseThrow())
			.limit(20)
			.toList();
	}

	static Stream<Arguments> rejections() {
		return Stream.of(
				arguments("cron(0 12 * * ?)",
						"cron(): expected 6 fields (minutes hours day-of-month month day-of-week year) but found 5"),
				arguments("cron(0 12 * * ? * *)",
						"cron(): expected 6 fields (minutes hours day-of-month month day-of-week year) but found 7"),
				arguments("cron()",
						"cron(): expected 6 fields (minutes hours day-of-month month day-of-week year) but found 0"),
				arguments("cron(0 18 1 * MON *)",
						"cron(): day-of-month and day-of-week cannot both be specified; one must be '?'"),
				arguments("cron(0 18 * * * *)",
						"cron(): day-of-month and day-of-week cannot both be specified; one must be '?'"),
				arguments("cron(0 18 ? * ? *)",
						"cron(): day-of-month and day-of-week cannot both be '?'; give the days in one of them"),
				arguments("cron(0 12 * 13 ? *)", "cron(): month field '13': 13 is out of range; use 1-12 or JAN-DEC"),
				arguments("cron(0 12 ? * 8 *)", "cron(): day-of-week field '8': 8 is out of range; use 1-7 or SUN-SAT"),
				arguments("cron(0 12 ? * 0 *)", "cron(): day-of-week field '0': 0 is out of range; use 1-7 or SUN-SAT"),
				arguments("cron(0 9 ? * 2#6 *)",
						"cron(): day-of-week field '2#6': the occurrence after '#' must be 1-5, found '6'"),
				arguments("cron(0 9 ? * 2#1,3#2 *)",
						"cron(): day-of-week field '2#1,3#2': only one '#' expression is allowed, and nothing else with it"),
				arguments("cron(0 9 ? * 2#1#2 *)",
						"cron(): day-of-week field '2#1#2': use one day and one occurrence, such as 2#1 for the first Monday"),
				arguments("cron(60 * * * ? *)", "cron(): minutes field '60': 60 is out of range; use 0-59"),
				arguments("cron(0 24 * * ? *)", "cron(): hours field '24': 24 is out of range; use 0-23"),
				arguments("cron(0 0 32 * ? *)", "cron(): day-of-month field '32': 32 is out of range; use 1-31"),
				arguments("cron(0 0 0 * ? *)", "cron(): day-of-month field '0': 0 is out of range; use 1-31"),
				arguments("cron(0 0 * * ? 1969)", "cron(): year field '1969': 1969 is out of range; use 1970-2199"),
				arguments("cron(0 0 * * ? 2030-2025)",
						"cron(): year field '2030-2025': the range 2030-2025 runs backwards"),
				arguments("cron(*/0 * * * ? *)",
						"cron(): minutes field '*/0': the increment after '/' must be a whole number of at least 1, found '0'"),
				arguments("cron(0/x * * * ? *)",
						"cron(): minutes field '0/x': the increment after '/' must be a whole number of at least 1, found 'x'"),
				arguments("cron(0 0 L-31 * ? *)",
						"cron(): day-of-month field 'L-31': the offset after 'L-' must be 1-30, found '31'"),
				arguments("cron(0 0 W * ? *)",
						"cron(): day-of-month field 'W': 'W' follows a single day, such as 15W, found 'W'"),
				arguments("cron(0 0 1-5W * ? *)",
						"cron(): day-of-month field '1-5W': 'W' follows a single day, such as 15W, found '1-5W'"),
				arguments("cron(0 0 ? * FOO *)",
						"cron(): day-of-week field 'FOO': 'FOO' is not a valid value; use 1-7 or SUN-SAT"),
				arguments("cron(0 0 ? JANUARY * *)",
						"cron(): month field 'JANUARY': 'JANUARY' is not a valid value; use 1-12 or JAN-DEC"),
				arguments("cron(0 0 1,,2 * ? *)", "cron(): day-of-month field '1,,2': a value is missing in the list"),
				arguments("cron(0 ? * * ? *)",
						"cron(): hours field '?': '?' is only allowed as the whole day-of-month or day-of-week field"),
				arguments("cron(L 0 * * ? *)", "cron(): minutes field 'L': 'L' is not a valid value; use 0-59"),
				arguments("cron(0 12 * * ? *", "cron(): missing ')' at the end"),
				arguments("rate(0 minutes)", "rate(): value must be at least 1, found 0"),
				arguments("rate(1 minutes)", "rate(1 minutes): use the singular unit with a value of 1"),
				arguments("rate(1 days)", "rate(1 days): use the singular unit with a value of 1"),
				arguments("rate(5 minute)", "rate(5 minute): use the plural unit with a value greater than 1"),
				arguments("rate(5 weeks)", "rate(): unit must be minute(s), hour(s) or day(s), found 'weeks'"),
				arguments("rate(5 Minutes)", "rate(): unit must be minute(s), hour(s) or day(s), found 'Minutes'"),
				arguments("rate(-5 minutes)", "rate(): value must be a positive whole number, found '-5'"),
				arguments("rate(1.5 hours)", "rate(): value must be a positive whole number, found '1.5'"),
				arguments("rate(99999999999 minutes)", "rate(): value 99999999999 is too large"),
				arguments("rate(5)", "rate(): expected a value and a unit, such as rate(5 minutes), found '5'"),
				arguments("rate(every 5 minutes)",
						"rate(): expected a value and a unit, such as rate(5 minutes), found 'every 5 minutes'"),
				arguments("at(2027-02-30T00:00:00)", "at(): February 2027 has no day 30"),
				arguments("at(2026-02-29T00:00:00)", "at(): February 2026 has no day 29"),
				arguments("at(2027-13-01T00:00:00)", "at(): month 13 is out of range; use 01-12"),
				arguments("at(2027-03-14T24:00:00)", "at(): hour 24 is out of range; use 00-23"),
				arguments("at(2027-03-14 09:30:00)",
						"at(): expected yyyy-mm-ddThh:mm:ss, such as at(2027-03-14T09:30:00), found '2027-03-14 09:30:00'"),
				arguments("at(2027-03-14T09:30)",
						"at(): expected yyyy-mm-ddThh:mm:ss, such as at(2027-03-14T09:30:00), found '2027-03-14T09:30'"),
				arguments("every 5 minutes", "schedule expression 'every 5 minutes' is not valid; " + EXPECTED),
				arguments("CRON(0 12 * * ? *)", "schedule expression 'CRON(0 12 * * ? *)' is not valid; " + EXPECTED),
				arguments("0 12 * * ? *", "schedule expression '0 12 * * ? *' is not valid; " + EXPECTED),
				arguments("x".repeat(100), "schedule expression '" + "x".repeat(64) + "...' is not valid; " + EXPECTED),
				arguments("", "schedule expression is empty; " + EXPECTED),
				arguments("   ", "schedule expression is empty; " + EXPECTED));
	}

	@ParameterizedTest
	@MethodSource("rejections")
	void rejectsWithAMessageThatSaysWhatAndWhere(String text, String message) {
		assertThatExceptionOfType(InvalidScheduleExpressionException.class)
			.isThrownBy(() -> ScheduleExpression.parse(text))
			.withMessage(message);
	}

	@ParameterizedTest
	@NullSource
	void rejectsAMissingExpression(String text) {
		assertThatExceptionOfType(InvalidScheduleExpressionException.class)
			.isThrownBy(() -> ScheduleExpression.parse(text))
			.withMessage("schedule expression is missing; " + EXPECTED);
	}

	@Test
	void theExceptionIsAnIllegalArgument() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ScheduleExpression.parse("x"));
	}

	@Test
	void expressionsBuiltDirectlyAreValidatedToo() {
		assertThatExceptionOfType(InvalidScheduleExpressionException.class)
			.isThrownBy(() -> new RateExpression(0, RateUnit.MINUTES))
			.withMessage("rate(): value must be at least 1, found 0");
		assertThatExceptionOfType(InvalidScheduleExpressionException.class)
			.isThrownBy(() -> new AtExpression(LocalDateTime.of(2027, 1, 1, 0, 0, 0, 5)))
			.withMessage("at(): the time is given to the second; found 2027-01-01T00:00:00.000000005");
	}

}
