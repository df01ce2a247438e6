package dev.aloft.gateway.route;

import java.util.HashMap;
import java.util.Map;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.configfeed.ConfigView;
import dev.aloft.contracts.config.FunctionUrlConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The routes and function URLs in force: a route table and the URLs by id, rebuilt from
 * each new view of the configuration, paired with that view so a request resolves route
 * and function at one revision.
 */
@Component
class Routes {

	private volatile Snapshot current = new Snapshot(ConfigView.EMPTY, RouteTable.EMPTY, Map.of());

	Routes(ConfigFeedFollower follower) {
		follower.onUpdate(this::rebuild);
		rebuild(follower.view());
	}

	Snapshot current() {
		return this.current;
	}

	private synchronized void rebuild(ConfigView view) {
		if (view.revision() > this.current.view().revision() || view == ConfigView.EMPTY) {
			Map<String, FunctionUrlConfig> urls = new HashMap<>();
			view.functionUrls().forEach((url) -> urls.put(url.urlId(), url));
			this.current = new Snapshot(view, RouteTable.of(view.routes()), Map.copyOf(urls));
		}
	}

	/**
	 * A configuration view and the route table and function URLs built from it.
	 *
	 * @param view the view
	 * @param table its routes
	 * @param functionUrls its function URLs by URL id
	 */
	record Snapshot(ConfigView view, RouteTable table, Map<String, FunctionUrlConfig> functionUrls) {

		@Nullable FunctionUrlConfig functionUrl(String urlId) {
			return this.functionUrls.get(urlId);
		}

	}

}
