package dev.aloft.controlplane.system;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list, with the token of the next page ({@code ?limit=&pageToken=}).
 *
 * @param <T> the item type
 * @param items the items on this page
 * @param nextPageToken the token to ask for the next page with, or null on the last page
 */
public record CursorPage<T>(List<T> items, @Nullable String nextPageToken) {
}
