package dev.aloft.gateway.throttle;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The gateways' shares of a limit: they add up to exactly the limit, whatever the limit
 * and the number of gateways, and differ by at most one.
 */
class ClusterPropertiesTests {

	@Test
	void sharesAddUpToExactlyTheLimit() {
		for (int size = 1; size <= 7; size++) {
			for (int limit = 0; limit <= 3 * size + 2; limit++) {
				List<Integer> shares = shares(limit, size);

				assertThat(shares.stream().mapToInt(Integer::intValue).sum()).as("limit %d over %d", limit, size)
					.isEqualTo(limit);
				int floor = limit / size;
				assertThat(shares).as("limit %d over %d", limit, size)
					.allMatch((share) -> share == floor || share == floor + 1);
			}
		}
		assertThat(shares(1000, 3)).containsExactly(334, 333, 333);
		assertThat(shares(Integer.MAX_VALUE, 2)).containsExactly(1 << 30, (1 << 30) - 1);
	}

	@Test
	void firstGatewaysTakeTheRemainder() {
		assertThat(shares(7, 3)).containsExactly(3, 2, 2);
		assertThat(shares(8, 3)).containsExactly(3, 3, 2);
		assertThat(shares(2, 4)).containsExactly(1, 1, 0, 0);
		assertThat(shares(1, 2)).containsExactly(1, 0);
		assertThat(shares(0, 2)).containsExactly(0, 0);
		assertThat(shares(5, 1)).containsExactly(5);
	}

	@Test
	void indexOutsideTheClusterIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClusterProperties(2, 2))
			.withMessage(
					"aloft.gateway.cluster.index must be from 0 to 1 (one less than aloft.gateway.cluster.size, 2),"
							+ " but is 2");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClusterProperties(3, -1))
			.withMessageContaining("aloft.gateway.cluster.index must be from 0 to 2");
	}

	@Test
	void clusterWithoutGatewaysIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClusterProperties(0, 0))
			.withMessage("aloft.gateway.cluster.size must be at least 1 (the number of gateways), but is 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClusterProperties(-2, 0))
			.withMessageContaining("aloft.gateway.cluster.size must be at least 1");
	}

	private static List<Integer> shares(int limit, int size) {
		List<Integer> shares = new ArrayList<>();
		for (int index = 0; index < size; index++) {
			shares.add(new ClusterProperties(size, index).share(limit));
		}
		return shares;
	}

}
