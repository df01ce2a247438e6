package dev.aloft.gateway.invoke;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form of {@code FunctionName} the Lambda API takes, and what it refuses.
 */
class FunctionReferenceTests {

	@ParameterizedTest
	@CsvSource(nullValues = "-",
			textBlock = """
					my-function,                                                   -,         -,            my-function, -
					my-function:prod,                                              -,         -,            my-function, prod
					my-function:$LATEST,                                           -,         -,            my-function, $LATEST
					123456789012:function:my-function,                             -,         123456789012, my-function, -
					123456789012:function:my-function:7,                           -,         123456789012, my-function, 7
					function:my_function.v2,                                       -,         -,            my_function.v2, -
					arn:aws:lambda:us-west-2:123456789012:function:my-function,    us-west-2, 123456789012, my-function, -
					arn:aws:lambda:eu-central-1:123456789012:function:my-function:live, eu-central-1, 123456789012, my-function, live
					arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f,   us-gov-west-1, 123456789012, f,      -
					""")
	void readsEveryForm(String functionName, String region, String accountId, String name, String qualifier) {
		assertThat(FunctionReference.parse(functionName))
			.isEqualTo(new FunctionReference(region, accountId, name, qualifier));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "my function", "my/function", "fn:", "fn:a:b", "fn:bad.qualifier", "12345:function:fn",
			"arn:aws:lambda:us-east-1:123:function:fn", "arn:aws:s3:::bucket" })
	void refusesWhatFitsNoForm(String functionName) {
		assertThat(FunctionReference.parse(functionName)).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 141, 300 })
	void refusesOverlongNames(int length) {
		assertThat(FunctionReference.parse("f".repeat(length))).isNull();
	}

}
