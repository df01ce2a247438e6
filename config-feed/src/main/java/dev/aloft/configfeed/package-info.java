/**
 * Follows the control plane's configuration feed: loads a snapshot, then applies changes
 * by revision, and re-lists when it has fallen too far behind (list and watch, as
 * Kubernetes does). A follower that loses the feed keeps serving its last view.
 */
@NullMarked
package dev.aloft.configfeed;

import org.jspecify.annotations.NullMarked;
