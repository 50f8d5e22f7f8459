/** The command line: one class per command, run by picocli inside the Spring context. */
package com.audiencesync.cli;
