package com.audiencesync.delivery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

import com.audiencesync.destination.Endpoint.Link;

/**
 * Groups a chunk's rows into requests of at most the batch size, in order. Rows that link
 * two users (Braze merges) are ordered too: a row that shares a user with a row already
 * in the request goes in a later one, and the requests must then be sent one after
 * another.
 *
 * @param requests the requests, each a list of rows, in the order they must be sent
 * @param ordered whether the requests depend on their order (rows link users)
 * @param <R> the request record
 */
record Batches<R>(List<List<Pending<R>>> requests, boolean ordered) {

	/**
	 * Plans the requests of a chunk.
	 * @param rows the chunk's mapped rows, in source order
	 * @param batchSize rows per request at most
	 * @param links the users a request record links, if any
	 * @param admit whether a linked row goes at all (a chain may reject it); called once
	 * per linked row, in order
	 */
	static <R> Batches<R> of(List<Pending<R>> rows, int batchSize, Function<R, Optional<Link>> links,
			BiPredicate<Link, Pending<R>> admit) {
		List<List<Pending<R>>> requests = new ArrayList<>();
		List<Pending<R>> request = new ArrayList<>();
		Set<String> linked = new HashSet<>();
		boolean ordered = false;
		for (Pending<R> row : rows) {
			Optional<Link> link = links.apply(row.request());
			if (link.isPresent() && !admit.test(link.get(), row)) {
				continue;
			}
			ordered |= link.isPresent();
			boolean dependent = link.isPresent()
					&& (linked.contains(link.get().from()) || linked.contains(link.get().to()));
			if (request.size() == batchSize || dependent) {
				requests.add(request);
				request = new ArrayList<>();
				linked.clear();
			}
			request.add(row);
			link.ifPresent((users) -> {
				linked.add(users.from());
				linked.add(users.to());
			});
		}
		if (!request.isEmpty()) {
			requests.add(request);
		}
		return new Batches<>(requests, ordered);
	}

}
