package dev.aloft.controlplane.configfeed;

import java.time.Duration;

import dev.aloft.contracts.config.ConfigChanges;
import dev.aloft.contracts.config.ConfigFeedApi;
import dev.aloft.contracts.config.ConfigSnapshot;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal configuration feed endpoints (see {@link ConfigFeedApi}).
 */
@RestController
class ConfigFeedController {

	private final ConfigFeed feed;

	ConfigFeedController(ConfigFeed feed) {
		this.feed = feed;
	}

	@GetMapping(ConfigFeedApi.SNAPSHOT_PATH)
	ConfigSnapshot snapshot() {
		return this.feed.snapshot();
	}

	@GetMapping(ConfigFeedApi.CHANGES_PATH)
	ConfigChanges changes(@RequestParam(ConfigFeedApi.AFTER_PARAM) @PositiveOrZero long after,
			@RequestParam(name = ConfigFeedApi.WAIT_SECONDS_PARAM,
					defaultValue = "0") @PositiveOrZero @Max(60) int waitSeconds,
			@RequestParam(name = ConfigFeedApi.FOLLOWER_PARAM,
					required = false) @Size(max = 200) @Nullable String follower)
			throws InterruptedException {
		return this.feed.changesAfter(after, Duration.ofSeconds(waitSeconds), follower);
	}

}
