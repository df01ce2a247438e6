package dev.aloft.gateway.route;

import dev.aloft.configfeed.ConfigFeedFollower;
import dev.aloft.configfeed.ConfigView;

import org.springframework.stereotype.Component;

/**
 * The routes in force: a route table rebuilt from each new view of the configuration,
 * paired with that view so a request resolves route and function at one revision.
 */
@Component
class Routes {

	private volatile Snapshot current = new Snapshot(ConfigView.EMPTY, RouteTable.EMPTY);

	Routes(ConfigFeedFollower follower) {
		follower.onUpdate(this::rebuild);
		rebuild(follower.view());
	}

	Snapshot current() {
		return this.current;
	}

	private synchronized void rebuild(ConfigView view) {
		if (view.revision() > this.current.view().revision() || view == ConfigView.EMPTY) {
			this.current = new Snapshot(view, RouteTable.of(view.routes()));
		}
	}

	/**
	 * A configuration view and the route table built from it.
	 *
	 * @param view the view
	 * @param table its routes
	 */
	record Snapshot(ConfigView view, RouteTable table) {
	}

}
