package com.audiencesync.batch.remote;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The RabbitMQ broker partitions go through ({@code spring.rabbitmq.*}), looked at before
 * a manager starts a run: an unreachable broker is a configuration to fix, named like an
 * unreachable warehouse, not a run that fails and is retried.
 */
public final class Broker {

	private final ConnectionFactory connectionFactory;

	Broker(ConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/** The broker's address as the settings give it: host:port. */
	static String of(ConnectionFactory connectionFactory) {
		return connectionFactory.getHost() + ":" + connectionFactory.getPort();
	}

	/**
	 * Connects once.
	 * @throws IllegalStateException naming {@code spring.rabbitmq.*} when the broker
	 * cannot be reached
	 */
	public void requireReachable() {
		try (Connection connection = this.connectionFactory.createConnection()) {
			// reached
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(unreachable(this.connectionFactory, ex));
		}
	}

	static String unreachable(ConnectionFactory connectionFactory, Throwable ex) {
		Throwable deepest = ex;
		while (deepest.getCause() != null) {
			deepest = deepest.getCause();
		}
		String reason = (deepest.getMessage() != null) ? deepest.getMessage() : deepest.getClass().getSimpleName();
		return "the RabbitMQ broker (spring.rabbitmq.host/port: " + of(connectionFactory) + ") cannot be reached: "
				+ reason;
	}

}
