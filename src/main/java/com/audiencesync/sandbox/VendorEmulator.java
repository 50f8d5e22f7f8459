package com.audiencesync.sandbox;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;

/**
 * One vendor's API inside the sandbox. The server mounts each emulator under
 * {@code /{vendor}/}, so adding a vendor is one class plus one registration line in
 * {@link SandboxServer}.
 */
interface VendorEmulator {

	/**
	 * The path segment the emulator is mounted under, e.g. {@code groobee}.
	 * @return the vendor name
	 */
	String vendor();

	/**
	 * Answers one request whose path starts with {@code /{vendor}/}. The server closes
	 * the exchange afterwards.
	 * @param exchange the request
	 * @throws IOException if the client connection fails
	 */
	void handle(HttpExchange exchange) throws IOException;

}
