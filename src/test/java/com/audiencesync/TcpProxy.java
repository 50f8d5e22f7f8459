package com.audiencesync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a real server, that a test can cut as a network or
 * a database failover does (every open connection is closed and new ones are refused), or
 * stall as a hung server does.
 */
public final class TcpProxy implements AutoCloseable {

	private final String host;

	private final int port;

	private final ServerSocket server;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	private volatile boolean stalled;

	/**
	 * Listens on an ephemeral loopback port and forwards each connection to host:port.
	 */
	public TcpProxy(String host, int port) throws IOException {
		this.host = host;
		this.port = port;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread accepting = new Thread(this::accept, "tcp-proxy-" + this.server.getLocalPort());
		accepting.setDaemon(true);
		accepting.start();
	}

	/** The port it listens on. */
	public int port() {
		return this.server.getLocalPort();
	}

	/** Closes every connection, and refuses new ones (they are closed at once). */
	public void cut() {
		this.cut = true;
		for (Socket socket : this.sockets) {
			close(socket);
		}
	}

	/**
	 * Keeps every connection open and forwards nothing more, either way, as a server that
	 * hangs or a network that drops packets without a reset does: a client waits for an
	 * answer until its own timeout.
	 */
	public void stall() {
		this.stalled = true;
	}

	/** Takes new connections again, as a database back from a failover does. */
	public void restore() {
		this.cut = false;
		this.stalled = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					close(client);
					continue;
				}
				Socket upstream = new Socket();
				upstream.connect(new InetSocketAddress(this.host, this.port), 5000);
				this.sockets.add(client);
				this.sockets.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// closed, or the server refused: the client sees its connection end
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0 && !this.cut; read = in.read(buffer)) {
					while (this.stalled && !this.cut) {
						Thread.sleep(10);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				close(from);
				close(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		this.server.close();
	}

}
